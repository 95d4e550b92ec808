package dev.airbag.agent.instrument.okhttp.adapter;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads the start of an error body into its source's buffer on a helper thread, one read at a time, so that Airbag
 * can stop waiting for a body that trickles while the read goes on: the bytes stay in the buffer for the app, which
 * reads on once the helper's current read has returned ({@link #stopAndAwait}). Only one thread touches the source
 * at a time: the helper until it is done, then the app. Thread-safe.
 */
final class BodyPeek implements Runnable {
  private final BufferedSource wire;
  private final int maxBytes;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile byte[] seen = new byte[0];
  private volatile boolean stop;
  private volatile boolean cutShort;
  private volatile IOException failure;
  // Guarded by this.
  private Runnable whenDone;
  private boolean finished;

  BodyPeek(BufferedSource wire, int maxBytes) {
    this.wire = wire;
    this.maxBytes = maxBytes;
  }

  @Override
  public void run() {
    try {
      Buffer buffer = wire.buffer();
      while (!stop && buffer.size() < maxBytes && wire.request(buffer.size() + 1)) {
        seen = copy(buffer);
      }
      seen = copy(buffer);
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e);
    } finally {
      Runnable then;
      synchronized (this) {
        finished = true;
        then = whenDone;
        whenDone = null;
      }
      done.countDown();
      if (then != null) {
        then.run();
      }
    }
  }

  /**
   * The first bytes of the body: all of them up to {@code maxBytes} if they come within {@code waitNanos}, else
   * what came by then (and {@link #cutShort()} is true from then on, and later calls no longer wait).
   */
  byte[] await(long waitNanos) {
    try {
      if (!cutShort && !done.await(waitNanos, TimeUnit.NANOSECONDS)) {
        cutShort = true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cutShort = !isDone();
    }
    return seen;
  }

  boolean cutShort() {
    return cutShort;
  }

  boolean isDone() {
    return done.getCount() == 0;
  }

  /** Asks the helper to stop after its current read. */
  void stop() {
    stop = true;
  }

  /** Asks the helper to stop after its current read and waits for it: the source is then the caller's. */
  void stopAndAwait() throws IOException {
    stop = true;
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while a body was being read");
    }
  }

  /** Waits for the helper to finish, keeping any interrupt for the caller. */
  void awaitQuietly() {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The helper's read failure, for the app to meet after the bytes that came before it; null if none. */
  IOException failure() {
    return failure;
  }

  /** Stops the helper after its current read and runs {@code action} then (at once if it is already done). */
  void stopThen(Runnable action) {
    stop = true;
    synchronized (this) {
      if (!finished) {
        whenDone = action;
        return;
      }
    }
    action.run();
  }

  private byte[] copy(Buffer buffer) {
    long size = Math.min(buffer.size(), maxBytes);
    Buffer copy = new Buffer();
    buffer.copyTo(copy, 0, size);
    return copy.readByteArray();
  }
}
