package dev.airbag.agent.instrument;

import java.io.ByteArrayOutputStream;

/**
 * Holds what a request body writes, up to a bound: past it, the write throws {@link Reached}, so that a large
 * repeatable body is never held whole only to be let through unread. Used by one thread.
 */
public final class BoundedBuffer extends ByteArrayOutputStream {
  private final int max;

  public BoundedBuffer(int max) {
    this.max = max;
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
