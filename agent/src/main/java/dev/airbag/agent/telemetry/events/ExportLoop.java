package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.support.ThrottledLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of the exporter thread: drain a batch, hand it to every sink, repeat; when the queue is closed and
 * empty (or the dispatcher gives up waiting), discard the rest as dropped and close the sinks. A sink that
 * throws is counted and logged, rate-limited, and the others and later batches carry on. Counters are read
 * from any thread; everything else runs on the exporter thread only.
 */
final class ExportLoop implements Runnable {
  static final int MAX_BATCH = 512;
  // Sinks that hold events back (folds) are ticked this often when no event comes, so a fold ends on time.
  static final long IDLE_TICK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

  private final BoundedEventQueue queue;
  private final List<EventSink> sinks;
  private final Progress progress;
  private final ThrottledLog log;
  private final AtomicLong dropped;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong sinkFailures = new AtomicLong();
  private volatile boolean abandoned;

  ExportLoop(BoundedEventQueue queue, List<EventSink> sinks, Progress progress, ThrottledLog log,
      AtomicLong dropped) {
    this.queue = queue;
    this.sinks = sinks;
    this.progress = progress;
    this.log = log;
    this.dropped = dropped;
  }

  @Override
  public void run() {
    List<Event> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (!abandoned) {
        batch.clear();
        queue.awaitAndDrain(batch, MAX_BATCH, IDLE_TICK_NANOS);
        if (batch.isEmpty() && queue.accepting()) {
          tick();
          continue;
        }
        if (batch.isEmpty()) {
          break;
        }
        deliver(List.copyOf(batch));
      }
    } catch (InterruptedException e) {
      // Only close() interrupts us, after giving up on a slow sink.
    } finally {
      Thread.interrupted();
      shutDown();
    }
  }

  /** Asks the loop to stop after the batch in hand, discarding the rest. */
  void abandon() {
    abandoned = true;
  }

  long delivered() {
    return delivered.get();
  }

  long failed() {
    return failed.get();
  }

  long sinkFailures() {
    return sinkFailures.get();
  }

  /** Discards what is queued and closes the sinks; also used when the exporter never started. */
  void shutDown() {
    queue.close();
    dropped.addAndGet(queue.clear());
    for (EventSink sink : sinks) {
      try {
        sink.close();
      } catch (Throwable t) {
        log.warn("sinks", "Airbag: event sink '" + safeName(sink) + "' failed to close", t);
      }
    }
    progress.terminate();
  }

  private void deliver(List<Event> batch) {
    boolean everySinkWrote = true;
    for (EventSink sink : sinks) {
      try {
        sink.write(batch);
        sink.flush();
      } catch (Throwable t) {
        // Any failure, Errors included, must not end the exporter thread: events would then pile up unseen.
        everySinkWrote = false;
        sinkFailures.incrementAndGet();
        log.warn("sinks", "Airbag: event sink '" + safeName(sink) + "' failed to write " + batch.size()
            + " events; continuing", t);
      }
    }
    (everySinkWrote ? delivered : failed).addAndGet(batch.size());
    progress.advance(batch.size());
  }

  private void tick() {
    for (EventSink sink : sinks) {
      try {
        sink.tick();
      } catch (Throwable t) {
        sinkFailures.incrementAndGet();
        log.warn("sinks", "Airbag: event sink '" + safeName(sink) + "' failed to write what it held back; continuing", t);
      }
    }
  }

  private static String safeName(EventSink sink) {
    try {
      return sink.name();
    } catch (RuntimeException e) {
      return sink.getClass().getName();
    }
  }
}
