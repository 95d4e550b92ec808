package dev.airbag.agent.instrument.jdkhttp;

import java.util.concurrent.Flow;

/** A subscription whose signals the test sends by hand; it only records what was asked of it. Not thread-safe. */
final class HandDriven implements Flow.Subscription {
  long requested;
  boolean cancelled;

  @Override
  public void request(long n) {
    requested += n;
  }

  @Override
  public void cancel() {
    cancelled = true;
  }
}
