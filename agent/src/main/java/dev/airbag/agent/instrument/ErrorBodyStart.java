package dev.airbag.agent.instrument;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The start of an error body, read on a helper thread so that Airbag stops waiting for a body that trickles (a
 * socket timeout would leave the JDK's chunked stream unusable for the app): what came within the wait is
 * classified, and the app reads it, then whatever the helper read after it, then the rest from the wire once the
 * helper's last read has returned. Only one thread reads the wire at a time. Thread-safe.
 */
public final class ErrorBodyStart implements Runnable {
  private final InputStream wire;
  private final int maxBytes;
  private final CountDownLatch done = new CountDownLatch(1);
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private volatile boolean stop;
  private volatile IOException failure;
  private byte[] held;
  private boolean cutShort;

  private ErrorBodyStart(InputStream wire, int maxBytes) {
    this.wire = wire;
    this.maxBytes = maxBytes;
  }

  /** Reads up to {@code maxBytes} of {@code wire}, waiting at most {@code waitNanos} for them. */
  public static ErrorBodyStart read(InputStream wire, int maxBytes, long waitNanos, Executor helper) {
    ErrorBodyStart start = new ErrorBodyStart(wire, maxBytes);
    helper.execute(start);
    boolean finished;
    try {
      finished = start.done.await(waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    start.stop = !finished;
    synchronized (start) {
      start.held = start.buffer.toByteArray();
    }
    start.cutShort = !finished;
    return start;
  }

  @Override
  public void run() {
    byte[] chunk = new byte[Math.min(8192, Math.max(1, maxBytes))];
    try {
      while (!stop && size() < maxBytes) {
        int read = wire.read(chunk, 0, Math.min(chunk.length, maxBytes - size()));
        if (read < 0) {
          break;
        }
        synchronized (this) {
          buffer.write(chunk, 0, read);
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e);
    } finally {
      done.countDown();
    }
  }

  private synchronized int size() {
    return buffer.size();
  }

  /** What came within the wait, up to the bound: what the engine classifies. */
  public byte[] held() {
    return held;
  }

  /** True when the wait ended before the body's end and the bound: what is held is only a start. */
  public boolean cutShort() {
    return cutShort;
  }

  /** The whole body as the app reads it: the held start, then the rest, as the wire gives it. */
  public InputStream forApp() {
    return new SequenceInputStream(new ByteArrayInputStream(held), new Rest());
  }

  /** The bytes after the held start: first those the helper read later, then the wire, or the helper's failure. */
  private final class Rest extends InputStream {
    private InputStream source;

    private InputStream source() throws IOException {
      if (source == null) {
        try {
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while the error body was read");
        }
        byte[] all;
        synchronized (ErrorBodyStart.this) {
          all = buffer.toByteArray();
        }
        InputStream late = new ByteArrayInputStream(all, held.length, all.length - held.length);
        InputStream tail = failure == null ? wire : new Failing(failure);
        source = new SequenceInputStream(late, tail);
      }
      return source;
    }

    @Override
    public int read() throws IOException {
      return source().read();
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      return source().read(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      stop = true;
      wire.close();
    }
  }

  /** The helper's failure, met by the app where it would have met it reading the body itself. */
  private static final class Failing extends InputStream {
    private final IOException failure;

    Failing(IOException failure) {
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      throw failure;
    }
  }
}
