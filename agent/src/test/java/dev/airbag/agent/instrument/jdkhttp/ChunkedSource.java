package dev.airbag.agent.instrument.jdkhttp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A response body as the client would publish it: {@code total} bytes of a known pattern in items of
 * {@code chunk} bytes, one item per unit of demand, delivered in the caller's thread (a loop, not recursion, when
 * the subscriber asks for more from inside onNext), then onComplete without waiting for demand. Records what was
 * asked of it. Not thread-safe; the tests drive it from one thread.
 */
final class ChunkedSource implements Flow.Subscription {
  private final Flow.Subscriber<? super List<ByteBuffer>> subscriber;
  private final long total;
  private final int chunk;
  private long sent;
  private long pending;
  private boolean emitting;
  long requested;
  boolean cancelled;
  boolean completed;

  ChunkedSource(Flow.Subscriber<? super List<ByteBuffer>> subscriber, long total, int chunk) {
    this.subscriber = subscriber;
    this.total = total;
    this.chunk = chunk;
  }

  /** The byte at {@code position} of every test body. */
  static byte patternAt(long position) {
    return (byte) (position % 251);
  }

  static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = patternAt(i);
    }
    return bytes;
  }

  ChunkedSource start() {
    subscriber.onSubscribe(this);
    return this;
  }

  @Override
  public void request(long n) {
    requested += n;
    pending += n;
    if (emitting) {
      return;
    }
    emitting = true;
    while (pending > 0 && sent < total && !cancelled) {
      pending--;
      int size = (int) Math.min(chunk, total - sent);
      byte[] bytes = new byte[size];
      for (int i = 0; i < size; i++) {
        bytes[i] = patternAt(sent + i);
      }
      sent += size;
      // Two buffers per item, as the client often delivers.
      int half = size / 2;
      subscriber.onNext(List.of(ByteBuffer.wrap(bytes, 0, half).slice(),
          ByteBuffer.wrap(bytes, half, size - half).slice()));
    }
    emitting = false;
    if (sent == total && !completed && !cancelled) {
      completed = true;
      subscriber.onComplete();
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
  }
}
