package dev.airbag.agent.engine.call;

import dev.airbag.agent.testing.FakeClock;
import java.time.Duration;

/**
 * A provider on a fake clock for the do-no-harm simulations: each request takes {@link #LATENCY} and fails (529
 * overloaded) when its fault plan says so, by request index and time since the start. Counts what it receives.
 */
final class SimulatedProvider {
  static final Duration LATENCY = Duration.ofMillis(20);

  /** Which requests fail: a pure function of the request's index and its arrival time. */
  interface Faults {
    boolean fails(int index, long sinceStartNanos);
  }

  private final FakeClock clock;
  private final Faults faults;
  private final long start;
  int requests;
  private int primaryRequests;

  SimulatedProvider(FakeClock clock, Faults faults) {
    this.clock = clock;
    this.faults = faults;
    this.start = clock.nanoTime();
  }

  static Faults random(double ratio, long seed) {
    return (index, since) -> unitDouble(seed, index) < ratio;
  }

  static Faults between(Duration from, Duration to) {
    return (index, since) -> since >= from.toNanos() && since < to.toNanos();
  }

  static Faults always() {
    return (index, since) -> true;
  }

  /** One upstream request; only the primary model's (sent with the app's own body) follow the fault plan. */
  FakeExchange.Answer answer(AttemptRequest attempt) {
    requests++;
    boolean primary = attempt.body() == null;
    boolean failed = primary && faults.fails(primaryRequests++, clock.nanoTime() - start);
    clock.advance(LATENCY);
    return failed ? new FakeExchange.Answer(529, CallPipelineTest.OVERLOADED, false)
        : new FakeExchange.Answer(200, CallPipelineTest.OK, false);
  }

  // SplitMix64, as the fault server uses: a well-mixed value per (seed, index) in [0, 1).
  private static double unitDouble(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
