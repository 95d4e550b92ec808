package dev.airbag.faultserver;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A body of any length made up as it is written: numbered log lines ({@code filler line 0000000042}), cut at the
 * length asked for. A proxy dumping megabytes of logs into an error, without the server holding them: only one
 * block of lines exists at a time. Each line differs, so a client that reorders or drops bytes gets another
 * checksum. Stateless.
 */
final class FillerBody {
  private static final byte[] PREFIX = "filler line ".getBytes(StandardCharsets.US_ASCII);
  private static final int DIGITS = 10;
  static final int LINE_BYTES = PREFIX.length + DIGITS + 1;
  private static final int LINES_PER_BLOCK = 64 * 1024 / LINE_BYTES;

  private FillerBody() {}

  /** Writes {@code length} bytes of filler to {@code out}. */
  static void write(OutputStream out, long length) throws IOException {
    byte[] block = new byte[LINES_PER_BLOCK * LINE_BYTES];
    long line = 0;
    for (long written = 0; written < length; ) {
      for (int i = 0; i < LINES_PER_BLOCK; i++, line++) {
        fillLine(block, i * LINE_BYTES, line);
      }
      int size = (int) Math.min(block.length, length - written);
      out.write(block, 0, size);
      written += size;
    }
  }

  private static void fillLine(byte[] block, int at, long number) {
    System.arraycopy(PREFIX, 0, block, at, PREFIX.length);
    long rest = number;
    for (int digit = DIGITS - 1; digit >= 0; digit--) {
      block[at + PREFIX.length + digit] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    block[at + LINE_BYTES - 1] = '\n';
  }
}
