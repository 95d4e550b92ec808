package dev.airbag.agent.engine.classify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The bounded, decoded start of an error body: at most {@link #MAX_SCAN_BYTES} bytes, inflated first when the
 * bytes are gzip. Whatever was cut, truncated or corrupt, it decodes what it can and never throws. Immutable.
 */
final class ErrorBody {
  /** Error bodies are a few hundred bytes; anything past 64 KB is a proxy page or a stream, not a verdict. */
  static final int MAX_SCAN_BYTES = 64 * 1024;
  /** The zip-bomb cap of the brief; inflation stops at the scan limit, well below it. */
  static final int MAX_INFLATED_BYTES = 256 * 1024;

  private final byte[] bytes;
  private final int length;

  private ErrorBody(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
  }

  /**
   * Decodes a body prefix. Gzip is recognised by its magic bytes rather than by Content-Encoding alone: some
   * clients inflate transparently and keep the header, and a gzip body never starts like JSON or HTML.
   */
  static ErrorBody decode(byte[] raw) {
    if (raw == null || raw.length == 0) {
      return new ErrorBody(new byte[0], 0);
    }
    if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
      return inflate(raw);
    }
    return new ErrorBody(raw, Math.min(raw.length, MAX_SCAN_BYTES));
  }

  private static ErrorBody inflate(byte[] raw) {
    int limit = Math.min(MAX_SCAN_BYTES, MAX_INFLATED_BYTES);
    byte[] out = new byte[Math.min(limit, Math.max(1024, raw.length * 4))];
    int n = 0;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 4096)) {
      while (n < limit) {
        if (n == out.length) {
          out = Arrays.copyOf(out, Math.min(limit, out.length * 2));
        }
        int read = in.read(out, n, out.length - n);
        if (read < 0) {
          break;
        }
        n += read;
      }
    } catch (IOException e) {
      // A truncated or corrupt stream: what inflated before the damage is still a usable prefix.
    }
    return new ErrorBody(out, n);
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  /** The decoded text, for keyword checks and the detail of a body that is not JSON. */
  String text() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
