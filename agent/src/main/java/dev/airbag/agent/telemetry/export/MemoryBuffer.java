package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Fresh events waiting for a full batch or the flush interval, oldest first, with the arrival time of the
 * oldest. Not thread-safe: the owning sink guards it with its lock.
 */
final class MemoryBuffer {
  private final ArrayDeque<Event> events = new ArrayDeque<>();
  private final int batchSize;
  private final long flushIntervalNanos;
  private long oldestNanos;

  MemoryBuffer(int batchSize, long flushIntervalNanos) {
    this.batchSize = batchSize;
    this.flushIntervalNanos = flushIntervalNanos;
  }

  void add(Event event, long nowNanos) {
    if (events.isEmpty()) {
      oldestNanos = nowNanos;
    }
    events.add(event);
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  int size() {
    return events.size();
  }

  /** A full batch is waiting, or the oldest event has waited the flush interval. */
  boolean due(long nowNanos) {
    return events.size() >= batchSize || (!events.isEmpty() && nowNanos - oldestNanos >= flushIntervalNanos);
  }

  /** When the oldest event's flush interval ends; Long.MAX_VALUE when empty. */
  long dueAtNanos() {
    return events.isEmpty() ? Long.MAX_VALUE : oldestNanos + flushIntervalNanos;
  }

  /** Removes up to a batch, oldest first; what stays keeps its (older) arrival time, so it is due at once. */
  List<Event> take() {
    int size = Math.min(events.size(), batchSize);
    List<Event> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(events.poll());
    }
    return List.copyOf(batch);
  }
}
