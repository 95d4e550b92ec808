package dev.airbag.agent.instrument.jdkhttp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;

/**
 * A {@link ChunkedSource} that signals from a thread of its own, as the client's executor does: requests and
 * cancels are queued to that thread, so the subscriber's calls never run the source in the caller's thread.
 */
final class ThreadedSource implements Flow.Subscription, AutoCloseable {
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final ChunkedSource inner;

  ThreadedSource(Flow.Subscriber<? super List<ByteBuffer>> subscriber, long total, int chunk) {
    this.inner = new ChunkedSource(subscriber, total, chunk);
    thread.execute(() -> subscriber.onSubscribe(this));
  }

  @Override
  public void request(long n) {
    thread.execute(() -> inner.request(n));
  }

  @Override
  public void cancel() {
    thread.execute(inner::cancel);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
