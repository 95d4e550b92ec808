package dev.airbag.agent.instrument.urlconnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The body stream of the app's own connection, which carries the first attempt, with a copy of what the app writes
 * kept up to the bound so that a retry can send the same bytes. A failure of the connection's stream while the copy
 * is kept (the provider closed the socket mid-body) is held as the first attempt's failure for the engine to retry,
 * as it would be had Airbag sent the body itself; past the bound the copy is dropped and the stream is the app's
 * alone. Written by one thread at a time, like the JDK's own.
 */
final class CopiedBody extends OutputStream {
  private final OutputStream own;
  private final int maxBytes;
  private ByteArrayOutputStream copy = new ByteArrayOutputStream();
  private IOException failure;

  CopiedBody(OutputStream own, int maxBytes) {
    this.own = own;
    this.maxBytes = maxBytes;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (copy != null && copy.size() + (long) length > maxBytes) {
      copy = null;
      if (failure != null) {
        // Nothing left to retry with: the app meets its connection's failure, as without Airbag.
        throw failure;
      }
    }
    if (copy != null) {
      copy.write(bytes, offset, length);
    }
    if (failure == null) {
      try {
        own.write(bytes, offset, length);
      } catch (IOException thrown) {
        hold(thrown);
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (failure == null) {
      try {
        own.flush();
      } catch (IOException thrown) {
        hold(thrown);
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (failure == null) {
      try {
        own.close();
      } catch (IOException thrown) {
        hold(thrown);
      }
    }
  }

  private void hold(IOException thrown) throws IOException {
    if (copy == null) {
      throw thrown;
    }
    failure = thrown;
  }

  /** True once the body went past the bound: the app's connection alone holds it. */
  boolean spilled() {
    return copy == null;
  }

  /** The body written so far; null once spilled. */
  byte[] bytes() {
    return copy == null ? null : copy.toByteArray();
  }

  /** How the app's connection failed while the body was written, or null. */
  IOException failure() {
    return failure;
  }
}
