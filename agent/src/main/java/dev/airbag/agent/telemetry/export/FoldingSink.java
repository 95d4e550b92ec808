package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds identical events before a sink as the collectors do ({@link EventFolder}): the first event of a
 * fingerprint is written at once, so an incident's start is never held back, and identical ones within the window
 * become one summary with a {@code count}, written when the window ends (on a later batch, an idle tick or close).
 * So a storm of short-circuited calls costs the events file two lines per window, not one per call. Used only
 * from the exporter thread, like every sink.
 */
public final class FoldingSink implements EventSink {
  /** Most folds open at once; past that, events pass unfolded and memory stays bounded. */
  public static final int MAX_FOLDS = 10_000;

  private final EventSink delegate;
  private final EventFolder folder;
  private final Clock clock;

  public FoldingSink(EventSink delegate, long windowNanos, Clock clock) {
    this.delegate = delegate;
    this.folder = new EventFolder(windowNanos, MAX_FOLDS);
    this.clock = clock;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void write(List<Event> batch) throws IOException {
    long now = clock.nanoTime();
    List<Event> out = new ArrayList<>(batch.size());
    folder.expire(now, out::add);
    for (Event event : batch) {
      if (!folder.absorb(event, now)) {
        out.add(event);
      }
    }
    if (!out.isEmpty()) {
      delegate.write(out);
    }
  }

  @Override
  public void tick() throws IOException {
    List<Event> due = new ArrayList<>();
    folder.expire(clock.nanoTime(), due::add);
    if (!due.isEmpty()) {
      delegate.write(due);
      delegate.flush();
    }
    delegate.tick();
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  /** Writes every open fold's summary, then closes the sink. */
  @Override
  public void close() {
    List<Event> rest = new ArrayList<>();
    folder.drain(rest::add);
    try {
      if (!rest.isEmpty()) {
        delegate.write(rest);
        delegate.flush();
      }
    } catch (IOException | RuntimeException e) {
      // Nothing can be reported from here: the summaries of the last window are lost with the sink.
    } finally {
      delegate.close();
    }
  }
}
