package dev.airbag.agent.instrument.jdkhttp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The app's subscriber as a test sees it: records every byte and signal, asks for {@code perItem} more from inside
 * each onNext (0: only when the test calls {@link #request}), and fails the test's checks when a signal breaks
 * reactive streams (more items than asked for, overlapping calls, anything after the end). Safe to drive from
 * several threads: overlaps are detected, not prevented.
 */
final class RecordingSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
  private final long perItem;
  private final AtomicBoolean inside = new AtomicBoolean();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final List<String> violations = new ArrayList<>();
  final CompletableFuture<Throwable> ended = new CompletableFuture<>();
  volatile Flow.Subscription subscription;
  private final AtomicLong asked = new AtomicLong();
  private long items;

  RecordingSubscriber(long perItem) {
    this.perItem = perItem;
  }

  void request(long n) {
    asked.addAndGet(n);
    subscription.request(n);
  }

  synchronized byte[] bytes() {
    return bytes.toByteArray();
  }

  synchronized long items() {
    return items;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    enter("onNext");
    synchronized (this) {
      items++;
      if (items > asked.get()) {
        violations.add("item " + items + " with only " + asked + " asked for");
      }
      for (ByteBuffer buffer : buffers) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }
    inside.set(false);
    if (perItem > 0) {
      request(perItem);
    }
  }

  @Override
  public void onError(Throwable failure) {
    enter("onError");
    ended.complete(failure);
    inside.set(false);
  }

  @Override
  public void onComplete() {
    enter("onComplete");
    ended.complete(null);
    inside.set(false);
  }

  private void enter(String signal) {
    if (!inside.compareAndSet(false, true)) {
      synchronized (this) {
        violations.add(signal + " overlapped another signal");
      }
    }
    if (ended.isDone()) {
      synchronized (this) {
        violations.add(signal + " after the end");
      }
    }
  }
}
