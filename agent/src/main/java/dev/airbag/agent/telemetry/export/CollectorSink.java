package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.support.ThrottledLog;
import dev.airbag.agent.support.DaemonThreads;
import dev.airbag.agent.engine.retry.RandomSource;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A collector sink ({@code otlp}, {@code http}) with its own delivery: {@link #write} only hands the batch to
 * an in-memory buffer (folding identical events) and returns, so a slow or dead collector never delays the
 * dispatcher, the file sink or another collector. A daemon thread {@code airbag-export-<name>} batches,
 * posts, retries with backoff, and spools to disk while the collector is down; spooled batches go first, in
 * order, also after a restart. A spool file is deleted only once the collector answered 2xx.
 *
 * <p>Where folding happens: here, on the exporter side. The app thread's cost stays the dispatcher's one short
 * enqueue (no hashing, no map, no allocation beyond the event), and the dispatcher drains its queue far faster
 * than an app can fail; overflow there is counted. Thread-safe.
 */
public final class CollectorSink implements EventSink, ExportStats {
  private static final long JOIN_GRACE_MILLIS = 500;

  private final String name;
  private final DeliveryState state;
  private final Sender sender;
  private final Transport transport;
  private final Duration shutdownTimeout;
  private final Thread thread;

  CollectorSink(String name, BatchEncoder encoder, Transport transport, DeliverySettings settings,
      Duration requestTimeout, Spool spool, Clock clock, RandomSource random, ExportLog log) {
    this.name = name;
    this.transport = transport;
    this.shutdownTimeout = settings.shutdownTimeout();
    ThrottledLog throttled = new ThrottledLog(log::warn, clock, ThrottledLog.MINUTE_NANOS);
    this.state = new DeliveryState(name, settings, requestTimeout.toNanos(), spool, clock, random, throttled);
    this.sender = new Sender(state, encoder, transport, spool, clock);
    this.thread = new DaemonThreads("export-" + name).newThread(sender);
  }

  /** Starts the sender thread, which first delivers what earlier runs spooled. */
  public void start() {
    thread.start();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String sink() {
    return name;
  }

  /** Buffers the batch for delivery and returns at once; past the memory bound the buffer goes to the spool. */
  @Override
  public void write(List<Event> batch) {
    state.accept(batch);
  }

  /** Does nothing: delivery runs on the sink's own schedule; see {@link #flush(Duration)}. */
  @Override
  public void flush() {
  }

  /**
   * Delivers everything handed in so far without waiting for the flush interval (folds still close with their
   * window); true once memory and spool are empty, false on timeout, e.g. while the collector is down.
   */
  public boolean flush(Duration timeout) {
    return state.awaitDrained(timeout.toNanos());
  }

  /** Flushes within {@code shutdown-timeout}, then spools what is left; the spool is kept for the next run. */
  @Override
  public void close() {
    beginClose();
    awaitClosed(System.nanoTime() + shutdownTimeout.toNanos());
  }

  /** Starts closing without waiting, so a group of sinks flushes in parallel. */
  void beginClose() {
    state.beginClose();
  }

  /**
   * Waits for the sender until the deadline, then interrupts it and spools what is left. The deadline is on
   * System.nanoTime, not the injected clock, because Thread.join waits on real time.
   */
  void awaitClosed(long deadlineNanos) {
    boolean interrupted = false;
    try {
      if (thread.isAlive()) {
        long millis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadlineNanos - System.nanoTime()));
        thread.join(millis + JOIN_GRACE_MILLIS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (thread.isAlive()) {
      // Stuck in a send: interrupting aborts it, and the sender spools its batch on the way out.
      thread.interrupt();
      try {
        thread.join(JOIN_GRACE_MILLIS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    state.finish();
    transport.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public long sent() {
    return state.counters().sent.get();
  }

  @Override
  public long spooled() {
    return state.counters().spooled.get();
  }

  @Override
  public long dropped() {
    return state.counters().dropped.get();
  }

  @Override
  public long rejected() {
    return state.counters().rejected.get();
  }

  @Override
  public long folded() {
    return state.counters().folded.get();
  }

  @Override
  public long spoolBytes() {
    return state.spoolBytes();
  }

  /** The spool directory in use, or null when spooling is unavailable. */
  public java.nio.file.Path spoolDirectory() {
    return state.spoolDirectory();
  }

  @Override
  public String toString() {
    return "CollectorSink[" + name + ", sent " + sent() + ", spooled " + spooled() + ", dropped " + dropped()
        + ", rejected " + rejected() + "]";
  }
}
