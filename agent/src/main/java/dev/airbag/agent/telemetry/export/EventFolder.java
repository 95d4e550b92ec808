package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventJson;
import dev.airbag.agent.telemetry.events.EventKinds;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Flood control: the first event of a fingerprint passes at once and opens a fold; identical events within the
 * window are only counted; when the window ends, one summary event (the first folded event, with
 * {@code count}, {@code first_seen}, {@code last_seen}) stands for all of them. So 10,000 identical failures a
 * second cost a collector two events per window, and the sum of counts (1 for a plain event) is the truth.
 *
 * <p>Fingerprint: kind, category, endpoint, model, provider_error_code, outcome, note, and for exceptions the
 * fingerprint field. Only {@code llm_call} and {@code exception} events fold: circuit changes and alerts are
 * rare and each one matters. At most {@code maxFolds} folds are open; past that, events pass unfolded.
 * Folds are kept in opening order, so expiring them looks only at the oldest. Not thread-safe: the owning
 * sink guards it with its lock.
 */
final class EventFolder {
  private final long windowNanos;
  private final int maxFolds;
  private final LinkedHashMap<List<Object>, Fold> folds = new LinkedHashMap<>();

  EventFolder(long windowNanos, int maxFolds) {
    this.windowNanos = windowNanos;
    this.maxFolds = maxFolds;
  }

  /** Counts the event into its open fold and returns true, or returns false: the caller sends it as is. */
  boolean absorb(Event event, long nowNanos) {
    if (windowNanos <= 0 || !foldable(event)) {
      return false;
    }
    List<Object> key = fingerprint(event);
    Fold fold = folds.get(key);
    if (fold != null) {
      fold.add(event);
      return true;
    }
    // Past the cap memory stays bounded: the event is delivered unfolded rather than held.
    if (folds.size() < maxFolds) {
      folds.put(key, new Fold(nowNanos));
    }
    return false;
  }

  /** Closes the folds whose window has ended, handing out a summary for each that absorbed events. */
  void expire(long nowNanos, Consumer<Event> out) {
    Iterator<Fold> oldestFirst = folds.values().iterator();
    while (oldestFirst.hasNext()) {
      Fold fold = oldestFirst.next();
      if (nowNanos - fold.openedNanos < windowNanos) {
        return;
      }
      oldestFirst.remove();
      fold.summarise(out);
    }
  }

  /** Closes every fold now (at shutdown). */
  void drain(Consumer<Event> out) {
    for (Fold fold : folds.values()) {
      fold.summarise(out);
    }
    folds.clear();
  }

  /** When the oldest fold's window ends, or Long.MAX_VALUE when no fold is open. */
  long nextExpiryNanos() {
    return folds.isEmpty() ? Long.MAX_VALUE : folds.values().iterator().next().openedNanos + windowNanos;
  }

  int openFolds() {
    return folds.size();
  }

  private static boolean foldable(Event event) {
    return EventKinds.LLM_CALL.equals(event.kind()) || EventKinds.EXCEPTION.equals(event.kind());
  }

  private static List<Object> fingerprint(Event event) {
    boolean exception = EventKinds.EXCEPTION.equals(event.kind());
    return Arrays.asList(event.kind(), event.get(EventFields.CATEGORY), event.get(EventFields.ENDPOINT),
        event.get(EventFields.MODEL), event.get(EventFields.PROVIDER_ERROR_CODE), event.get(EventFields.OUTCOME),
        // The note says why Airbag stopped (a spent budget, a deadline, an answer from memory): never folded away.
        event.get(EventFields.NOTE), exception ? event.get(EventFields.FINGERPRINT) : null);
  }

  /** One open window: the first event it absorbed, how many, and the last one's time. */
  private static final class Fold {
    final long openedNanos;
    Event first;
    long count;
    long lastSeenMillis;

    Fold(long openedNanos) {
      this.openedNanos = openedNanos;
    }

    void add(Event event) {
      if (first == null) {
        first = event;
      }
      count++;
      lastSeenMillis = Math.max(lastSeenMillis, event.timestampMillis());
    }

    void summarise(Consumer<Event> out) {
      if (count == 0) {
        return;
      }
      out.accept(EventCopy.of(first)
          .put(EventFields.COUNT, count)
          .put(EventFields.FIRST_SEEN, EventJson.formatTimestamp(first.timestampMillis()))
          .put(EventFields.LAST_SEEN, EventJson.formatTimestamp(lastSeenMillis))
          .build());
    }
  }
}
