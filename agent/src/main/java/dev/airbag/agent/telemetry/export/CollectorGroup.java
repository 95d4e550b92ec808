package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventSink;
import java.time.Duration;
import java.util.List;

/**
 * All collector sinks as one dispatcher sink, so that at shutdown they flush in parallel within one
 * {@code shutdown-timeout} instead of one after another. A write only buffers in each sink. Thread-safe.
 */
public final class CollectorGroup implements EventSink {
  private final List<CollectorSink> sinks;
  private final Duration shutdownTimeout;

  CollectorGroup(List<CollectorSink> sinks, Duration shutdownTimeout) {
    this.sinks = List.copyOf(sinks);
    this.shutdownTimeout = shutdownTimeout;
  }

  @Override
  public String name() {
    return "collectors";
  }

  /** The sinks, each readable as {@link ExportStats} by the metrics binder. */
  public List<CollectorSink> sinks() {
    return sinks;
  }

  public List<? extends ExportStats> stats() {
    return sinks;
  }

  @Override
  public void write(List<Event> batch) {
    for (CollectorSink sink : sinks) {
      sink.write(batch);
    }
  }

  @Override
  public void flush() {
  }

  /** Delivers everything handed in so far to every collector; false when one is not done by the timeout. */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean all = true;
    for (CollectorSink sink : sinks) {
      all &= sink.flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return all;
  }

  @Override
  public void close() {
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    for (CollectorSink sink : sinks) {
      sink.beginClose();
    }
    for (CollectorSink sink : sinks) {
      sink.awaitClosed(deadline);
    }
  }
}
