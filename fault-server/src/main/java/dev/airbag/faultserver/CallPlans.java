package dev.airbag.faultserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link FaultPlan}s that remember what they have seen, for comparing two clients against the same faults: the
 * fault of a request depends on which app call it belongs to and which attempt of that call it is (not on how
 * concurrent calls interleave), or on the time since the first request (not on how long a JVM took to start).
 * Each plan is thread-safe and meant for one run: make a fresh one per run.
 */
public final class CallPlans {
  private CallPlans() {}

  /**
   * About {@code ratio} of attempts get {@code fault}, chosen by {@code seed}, the request body (one app call:
   * its retries send the same bytes) and how many times that body was seen before. Two clients that make the
   * same attempts per call meet the same faults however their calls interleave.
   */
  public static FaultPlan ratioPerCall(double ratio, Fault fault, long seed) {
    if (ratio < 0 || ratio > 1) {
      throw new IllegalArgumentException("ratio must be within [0, 1]: " + ratio);
    }
    ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    return request -> {
      String digest = digest(request.request().body());
      int attempt = attempts.computeIfAbsent(digest, d -> new AtomicInteger()).getAndIncrement();
      long callSeed = seed ^ digest.hashCode() * 0x9E3779B97F4A7C15L;
      return FaultPlans.unitDouble(callSeed, attempt) < ratio ? fault : Faults.success();
    };
  }

  /**
   * Every request within {@code length} of the first request this plan sees gets {@code fault}, the rest
   * succeed: a burst or outage that begins when the app starts calling, whenever its JVM got there.
   */
  public static FaultPlan windowFromFirstRequest(Duration length, Fault fault) {
    AtomicReference<Duration> first = new AtomicReference<>();
    return request -> {
      // The first arrival to get here sets the origin; concurrent first arrivals differ by microseconds.
      Duration origin = first.updateAndGet(seen -> seen == null ? request.sinceStart() : seen);
      return request.sinceStart().minus(origin).compareTo(length) < 0 ? fault : Faults.success();
    };
  }

  private static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return new String(Arrays.copyOf(hash, 16), StandardCharsets.ISO_8859_1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
