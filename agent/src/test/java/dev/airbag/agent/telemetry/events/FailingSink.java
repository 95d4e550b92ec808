package dev.airbag.agent.telemetry.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink whose first {@code failures} writes throw the given kind of failure. */
final class FailingSink implements EventSink {
  final AtomicInteger attempts = new AtomicInteger();
  private final int failures;
  private final Throwable failure;

  FailingSink(int failures, Throwable failure) {
    this.failures = failures;
    this.failure = failure;
  }

  @Override
  public String name() {
    return "failing";
  }

  @Override
  public void write(List<Event> batch) throws IOException {
    if (attempts.incrementAndGet() > failures) {
      return;
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw (Error) failure;
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    throw new IllegalStateException("closing fails too");
  }
}
