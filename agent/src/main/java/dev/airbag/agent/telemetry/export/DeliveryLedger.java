package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.support.ThrottledLog;
/**
 * Books what became of a sink's events into its counters, and says so in the log at most once a minute per
 * topic. Messages name the sink, counts and the collector's (truncated) answer, never header values.
 * Thread-safe.
 */
final class DeliveryLedger {
  private final String name;
  private final SinkCounters counters = new SinkCounters();
  private final ThrottledLog log;

  DeliveryLedger(String name, ThrottledLog log) {
    this.name = name;
    this.log = log;
  }

  SinkCounters counters() {
    return counters;
  }

  void sent(int events) {
    counters.sent.addAndGet(events);
  }

  void folded() {
    counters.folded.incrementAndGet();
  }

  void spooled(int events) {
    counters.spooled.addAndGet(events);
  }

  void rejected(int events, String answer) {
    long total = counters.rejected.addAndGet(events);
    log.warn("rejected", "Airbag: collector sink '" + name + "' refused " + events + " events (" + answer
        + "); they are not retried. " + total + " refused so far");
  }

  void unusable(int events, String why) {
    counters.dropped.addAndGet(events);
    log.warn("unusable", "Airbag: collector sink '" + name + "' dropped " + events + " events: " + why);
  }

  void dropped(long events) {
    long total = counters.dropped.addAndGet(events);
    log.warn("dropped", "Airbag: collector sink '" + name + "' dropped " + events
        + " events, oldest first: its spool is full or not writable; " + total + " dropped so far");
  }

  void unreachable(String why, long retryInMillis) {
    log.warn("unreachable", "Airbag: collector sink '" + name + "' could not deliver (" + why
        + "); spooling to disk and retrying in " + retryInMillis + " ms");
  }

  void failed(Throwable failure) {
    log.warn("failed", "Airbag: collector sink '" + name + "' stopped delivering after an internal error: "
        + failure);
  }
}
