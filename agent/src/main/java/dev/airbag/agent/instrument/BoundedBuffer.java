package dev.airbag.agent.instrument;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Holds what a request body writes, up to a bound: past it, the write throws {@link Reached}, so that a large
 * repeatable body is never held whole only to be let through unread. Used by one thread.
 */
public final class BoundedBuffer extends ByteArrayOutputStream {
  private final int max;

  public BoundedBuffer(int max) {
    this.max = max;
  }

  /**
   * Sized for {@code expected} bytes when that is known (0 to {@code max}; negative when not), so that a body of the
   * length it declared is held in one array, neither grown by doubling nor copied at the end ({@link #bytes()}).
   */
  public BoundedBuffer(int max, long expected) {
    super(expected >= 0 && expected <= max ? (int) expected : 32);
    this.max = max;
  }

  /** What was written: the buffer itself when it is exactly full, else a copy of its used part. */
  public synchronized byte[] bytes() {
    return count == buf.length ? buf : Arrays.copyOf(buf, count);
  }

  /** The body is larger than the bound; no stack trace, it is an answer, not a failure. */
  public static final class Reached extends RuntimeException {
    Reached() {
      super(null, null, false, false);
    }
  }

  @Override
  public synchronized void write(int b) {
    check(1);
    super.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    check(len);
    super.write(b, off, len);
  }

  private void check(int more) {
    if (count + more > max) {
      throw new Reached();
    }
  }
}
