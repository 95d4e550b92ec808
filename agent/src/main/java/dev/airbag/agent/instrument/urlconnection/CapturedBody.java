package dev.airbag.agent.instrument.urlconnection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream the app writes its request body to: held in memory, up to the bound, so that every attempt can send the
 * same bytes. A body that grows past the bound is handed to the connection's own stream (what was held, then every
 * later write), and the call goes on as without Airbag. Written by one thread at a time, like the JDK's own.
 */
final class CapturedBody extends OutputStream {
  /** Opens the app connection's own body stream, once, for a body past the bound. */
  interface Spill {
    OutputStream open() throws IOException;
  }

  private final int maxBytes;
  private final Spill spill;
  private ByteArrayOutputStream held = new ByteArrayOutputStream();
  private OutputStream passThrough;

  CapturedBody(int maxBytes, Spill spill) {
    this.maxBytes = maxBytes;
    this.spill = spill;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (passThrough == null && held.size() + (long) length > maxBytes) {
      passThrough = spill.open();
      held.writeTo(passThrough);
      held = null;
    }
    if (passThrough != null) {
      passThrough.write(bytes, offset, length);
    } else {
      held.write(bytes, offset, length);
    }
  }

  @Override
  public void flush() throws IOException {
    if (passThrough != null) {
      passThrough.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (passThrough != null) {
      passThrough.close();
    }
  }

  /** True once the body went past the bound to the connection's own stream. */
  boolean spilled() {
    return passThrough != null;
  }

  /** The body written so far; null once spilled. */
  byte[] bytes() {
    return held == null ? null : held.toByteArray();
  }
}
