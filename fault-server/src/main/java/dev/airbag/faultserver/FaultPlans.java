package dev.airbag.faultserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ready-made {@link FaultPlan}s and ways to compose them. Every plan here but {@link #capacity} is a pure function of
 * the request's indices and arrival time, so a script replays identically however threads interleave; a capacity
 * plan also depends on the requests still in service, as a real provider does. Requests a plan does not target get
 * {@link Faults#success()}.
 */
public final class FaultPlans {
  private FaultPlans() {}

  /** Every request gets {@code fault}. */
  public static FaultPlan always(Fault fault) {
    return request -> fault;
  }

  /** Every request succeeds. */
  public static FaultPlan healthy() {
    return always(Faults.success());
  }

  /** The n-th, 2n-th, … request gets {@code fault}; the others succeed. */
  public static FaultPlan everyNth(int n, Fault fault) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    return request -> (request.index() + 1) % n == 0 ? fault : Faults.success();
  }

  /** The first requests get {@code faults} in order; the rest succeed. */
  public static FaultPlan sequence(Fault... faults) {
    List<Fault> script = List.of(faults);
    return request -> request.index() < script.size() ? script.get(request.index()) : Faults.success();
  }

  /**
   * Requests for {@code model} follow {@code plan}, which sees per-model indices (so {@code sequence} and
   * {@code everyNth} count only that model's requests); other models succeed.
   */
  public static FaultPlan forModel(String model, FaultPlan plan) {
    return byModel(Map.of(model, plan), healthy());
  }

  /** Each model follows its own plan (with per-model indices); unlisted models follow {@code dflt}. */
  public static FaultPlan byModel(Map<String, FaultPlan> plans, FaultPlan dflt) {
    Map<String, FaultPlan> copy = Map.copyOf(plans);
    return request -> {
      FaultPlan plan = copy.get(request.model());
      return plan == null ? dflt.choose(request) : plan.choose(request.scopedToModel());
    };
  }

  /**
   * About {@code ratio} of requests get {@code fault}. Which ones depends only on {@code seed} and the request
   * index, so a run is reproducible.
   */
  public static FaultPlan ratio(double ratio, Fault fault, long seed) {
    if (ratio < 0 || ratio > 1) {
      throw new IllegalArgumentException("ratio must be within [0, 1]: " + ratio);
    }
    return request -> unitDouble(seed, request.index()) < ratio ? fault : Faults.success();
  }

  /** Requests arriving within {@code [from, to)} of the server's start get {@code fault}: an outage window. */
  public static FaultPlan between(Duration from, Duration to, Fault fault) {
    return request -> request.sinceStart().compareTo(from) >= 0 && request.sinceStart().compareTo(to) < 0
        ? fault : Faults.success();
  }

  /**
   * A provider of {@code slots} concurrent requests, each answered healthy after {@code service}, turning away the
   * requests beyond them at once as overloaded (529 for Anthropic, 503 for OpenAI); from {@code dropFrom} to
   * {@code dropTo} after the server's start (or reset) only {@code shareLeft} of the slots exists (rounded). A new
   * plan per server run: it keeps the requests in service. See {@link CapacityPlan}.
   */
  public static CapacityPlan capacity(int slots, Duration service, Duration dropFrom, Duration dropTo,
      double shareLeft) {
    return queueing(slots, service, dropFrom, dropTo, shareLeft, 0);
  }

  /**
   * {@link #capacity}, but a request that finds every slot taken waits in a first-in first-out queue of
   * {@code queueLimit} and is served when a slot frees, even if its client has given up by then (as a provider
   * serves work nobody waits for any more); only a request that finds the queue full is turned away at once. A new
   * plan per server run. See {@link CapacityPlan}.
   */
  public static CapacityPlan queueing(int slots, Duration service, Duration dropFrom, Duration dropTo,
      double shareLeft, int queueLimit) {
    if (shareLeft < 0 || shareLeft > 1) {
      throw new IllegalArgumentException("shareLeft must be within [0, 1]: " + shareLeft);
    }
    return new CapacityPlan(slots, service, dropFrom, dropTo, (int) Math.round(slots * shareLeft), queueLimit);
  }

  /** {@code first}'s choice unless it is a success, then {@code second}'s: overlay two scripts. */
  public static FaultPlan firstFailure(FaultPlan first, FaultPlan second) {
    Fault success = Faults.success();
    return request -> {
      Fault chosen = first.choose(request);
      return chosen == success ? second.choose(request) : chosen;
    };
  }

  // SplitMix64 finaliser: a well-mixed 64-bit value per (seed, index), mapped to [0, 1).
  static double unitDouble(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
