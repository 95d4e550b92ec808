package dev.airbag.agent.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The index of the agent's class pack ({@code inst/classes.idx} beside {@code inst/classes.pack} in the jar, written
 * by the build's {@code ClassPack}): finds a class by binary name with one hash probe, no per-class jar lookup, and
 * inflates its bytes from the pack. Read whole at start-up (some 700 KB, one read). Compiled for Java 8 with the
 * launcher. Immutable and thread-safe.
 */
final class ClassIndex {
  static final String INDEX = AgentClassLoader.PREFIX + "classes.idx";
  static final String PACK = AgentClassLoader.PREFIX + "classes.pack";

  private static final int MAGIC = 0x41425043;
  private static final int VERSION = 1;
  private static final int HEADER = 16;
  private static final int ENTRY = 20;

  private final byte[] index;
  private final int count;
  private final int tableSize;
  private final int entries;
  private final int names;

  private ClassIndex(byte[] index) throws IOException {
    this.index = index;
    if (index.length < HEADER || int4(0) != MAGIC || int4(4) != VERSION) {
      throw new IOException("not an Airbag class index (version " + VERSION + ")");
    }
    this.count = int4(8);
    this.tableSize = int4(12);
    this.entries = HEADER + 4 * tableSize;
    this.names = entries + ENTRY * count;
    if (count < 0 || tableSize <= 0 || Integer.bitCount(tableSize) != 1 || names > index.length) {
      throw new IOException("truncated or damaged Airbag class index");
    }
  }

  /** Reads an index of {@code size} bytes. */
  static ClassIndex read(InputStream in, int size) throws IOException {
    byte[] bytes = new byte[size];
    readFully(in, bytes);
    return new ClassIndex(bytes);
  }

  /** The entry of this binary class name, or -1 when the pack has no such class. */
  int find(String className) {
    int slot = className.hashCode() & (tableSize - 1);
    // The table is at most half full, so an empty slot always ends the probe.
    for (int probes = 0; probes < tableSize; probes++) {
      int entry = int4(HEADER + 4 * slot);
      if (entry < 0) {
        return -1;
      }
      if (nameIs(entry, className)) {
        return entry;
      }
      slot = (slot + 1) & (tableSize - 1);
    }
    return -1;
  }

  /** The class bytes of an entry, read from {@code pack} (a stream over the pack from its start) and inflated. */
  byte[] bytes(int entry, InputStream pack) throws IOException {
    int at = entries + ENTRY * entry;
    skipFully(pack, int4(at + 8));
    byte[] compressed = new byte[int4(at + 12)];
    readFully(pack, compressed);
    byte[] bytes = new byte[int4(at + 16)];
    Inflater inflater = new Inflater(true);
    try {
      // A raw deflate stream wants one byte past its end before it reports finished; a dummy byte is appended.
      byte[] input = new byte[compressed.length + 1];
      System.arraycopy(compressed, 0, input, 0, compressed.length);
      inflater.setInput(input);
      int done = 0;
      while (done < bytes.length) {
        int n = inflater.inflate(bytes, done, bytes.length - done);
        if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        done += n;
      }
      if (done != bytes.length) {
        throw new IOException("damaged class in the Airbag class pack (entry " + entry + ")");
      }
      return bytes;
    } catch (DataFormatException e) {
      throw new IOException("damaged class in the Airbag class pack (entry " + entry + ")", e);
    } finally {
      inflater.end();
    }
  }

  private boolean nameIs(int entry, String className) {
    int at = entries + ENTRY * entry;
    int offset = names + int4(at);
    int length = int4(at + 4);
    // Binary names are ASCII in practice: compare byte by char, and as decoded text past any other byte.
    for (int i = 0; i < length; i++) {
      int b = index[offset + i];
      if (b < 0) {
        return new String(index, offset, length, StandardCharsets.UTF_8).equals(className);
      }
      if (i >= className.length() || b != className.charAt(i)) {
        return false;
      }
    }
    return length == className.length();
  }

  private int int4(int at) {
    return ((index[at] & 0xFF) << 24) | ((index[at + 1] & 0xFF) << 16) | ((index[at + 2] & 0xFF) << 8)
        | (index[at + 3] & 0xFF);
  }

  private static void readFully(InputStream in, byte[] into) throws IOException {
    int done = 0;
    while (done < into.length) {
      int n = in.read(into, done, into.length - done);
      if (n < 0) {
        throw new IOException("the Airbag class pack ends early");
      }
      done += n;
    }
  }

  private static void skipFully(InputStream in, long count) throws IOException {
    long left = count;
    while (left > 0) {
      long n = in.skip(left);
      if (n <= 0) {
        // skip may refuse to move; one read tells whether the stream has ended.
        if (in.read() < 0) {
          throw new IOException("the Airbag class pack ends early");
        }
        n = 1;
      }
      left -= n;
    }
  }
}
