package dev.airbag.bench;

import dev.airbag.faultserver.CapacityPlan;
import dev.airbag.faultserver.FaultPlans;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One storm of the processes part: the fault server's capacity (slots of a fixed service time, a queue or none), the
 * instances' open loop, the drop, and the app's own timeout. Each instance calls at {@code ratePerInstance} for
 * {@code seconds}, then waits up to {@code drainSeconds} for its last calls. Immutable.
 *
 * @param queueLimit    requests that wait for a slot (0: turned away at once beyond the slots)
 * @param clientTimeout the app's timeout for each request, or null for the SDK's default (10 minutes)
 * @param chart         the file its chart is written to, beside {@code RESULTS.md}
 */
record StormProcessStorm(String id, int slots, Duration service, double ratePerInstance, int seconds, int dropFromS,
    int dropToS, double shareLeft, int queueLimit, Duration clientTimeout, int drainSeconds, String chart) {
  /** Half the slots for 6 s, beyond them OpenAI's overloaded 503 at once: where retries win. */
  static final StormProcessStorm REJECT = new StormProcessStorm("reject", 20, Duration.ofSeconds(1), 3.5, 20, 7, 13,
      0.5, 0, null, 10, "storm-processes.svg");
  /**
   * A fifth of the slots for 8 s, up to 100 requests queued (5 s of work at full capacity, 25 s at the fifth), and an
   * app that gives up after 2 s: once the queue is longer than the timeout, every request served is one nobody waits
   * for, and the SDK's retries keep the queue full after the slots are back (a metastable failure).
   */
  static final StormProcessStorm QUEUE = new StormProcessStorm("queue", 10, Duration.ofMillis(500), 3.5, 30, 5, 13,
      0.2, 100, Duration.ofSeconds(2), 10, "storm-processes-queue.svg");
  static final List<StormProcessStorm> ALL = List.of(REJECT, QUEUE);

  /** A fresh plan for one server run (it keeps the requests scheduled). */
  CapacityPlan plan() {
    return FaultPlans.queueing(slots, service, Duration.ofSeconds(dropFromS), Duration.ofSeconds(dropToS), shareLeft,
        queueLimit);
  }

  boolean dropped(int second) {
    return second >= dropFromS && second < dropToS;
  }

  /** One sentence: the provider, the load, the drop and the timeout. */
  String describe() {
    double capacity = slots * 1000.0 / service.toMillis();
    String beyond = queueLimit == 0 ? "a request beyond them answered at once with OpenAI's overloaded 503"
        : String.format(Locale.ROOT, "a request beyond them waiting in a queue of %d (served in turn even after its "
            + "app gave up; a full queue answers 503 at once)", queueLimit);
    String timeout = clientTimeout == null ? "at the SDK's default timeout"
        : String.format(Locale.ROOT, "with the app's timeout at %.1f s per request", clientTimeout.toMillis() / 1000.0);
    return String.format(Locale.ROOT, "%d child JVMs of openai-java at its defaults (2 retries) %s, each an open loop "
            + "of %.1f calls/s for %d s (%.0f%% of the capacity), against one loopback fault server of %d concurrent "
            + "requests of %d ms, %s; %.0f%% of the slots from %d s to %d s",
        StormProcesses.INSTANCES, timeout, ratePerInstance, seconds,
        100 * StormProcesses.INSTANCES * ratePerInstance / capacity, slots, service.toMillis(), beyond,
        100 * shareLeft, dropFromS, dropToS);
  }
}
