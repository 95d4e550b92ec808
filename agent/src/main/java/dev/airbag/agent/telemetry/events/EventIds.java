package dev.airbag.agent.telemetry.events;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Random event ids: 128 bits as 32 lower-case hex characters. ThreadLocalRandom, so that app threads creating
 * events never contend on a shared generator; ids need uniqueness, not secrecy. Thread-safe.
 */
public final class EventIds {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EventIds() {
  }

  /** A new id. */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[32];
    appendHex(random.nextLong(), out, 0);
    appendHex(random.nextLong(), out, 16);
    return new String(out);
  }

  private static void appendHex(long bits, char[] out, int offset) {
    for (int i = 15; i >= 0; i--) {
      out[offset + i] = HEX[(int) (bits & 0xF)];
      bits >>>= 4;
    }
  }
}
