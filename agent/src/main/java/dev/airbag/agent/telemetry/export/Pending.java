package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import java.util.List;

/**
 * One batch the sender is about to post: either a spool file (read by the sender, outside the lock) or fresh
 * events from memory with the sequence number reserved for them, so that if they must be spooled they still
 * come before everything spooled while they were in flight. Immutable.
 */
final class Pending {
  final SpoolEntry entry;
  final List<Event> fresh;
  final long seq;
  /** The longest the post may take. */
  final long timeoutNanos;

  private Pending(SpoolEntry entry, List<Event> fresh, long seq, long timeoutNanos) {
    this.entry = entry;
    this.fresh = fresh;
    this.seq = seq;
    this.timeoutNanos = timeoutNanos;
  }

  static Pending spooled(SpoolEntry entry, long timeoutNanos) {
    return new Pending(entry, null, entry.seq, timeoutNanos);
  }

  static Pending fresh(List<Event> events, long seq, long timeoutNanos) {
    return new Pending(null, events, seq, timeoutNanos);
  }

  int events() {
    return entry != null ? entry.events : fresh.size();
  }
}
