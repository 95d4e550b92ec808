package dev.airbag.agent.telemetry.events;

import java.io.IOException;
import java.util.List;

/**
 * A destination for events: a file, a collector, a scrape endpoint. Called only from the dispatcher's exporter
 * thread, one call at a time, so an implementation needs no locking of its own; it may block on I/O, which
 * only delays later batches. A sink that throws loses that batch for itself alone: the dispatcher counts the
 * failure and carries on.
 */
public interface EventSink extends AutoCloseable {
  /** A short name for logs and metrics ({@code file}, {@code otlp}). */
  String name();

  /** Writes a non-empty batch, oldest first. The list is unmodifiable; the sink may keep it. */
  void write(List<Event> batch) throws IOException;

  /** Pushes anything the sink buffers to its destination; called after every batch and before close. */
  void flush() throws IOException;

  /** Called about once a second while no event comes: a sink that holds events back writes those now due. */
  default void tick() throws IOException {
  }

  /** Releases the sink's resources; must not throw. Called once, from the exporter thread. */
  @Override
  void close();
}
