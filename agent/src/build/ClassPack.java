import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * Build step (run as a single-file program while packaging): writes the agent's classes as one index and one pack,
 * the format {@code dev.airbag.agent.launcher.ClassIndex} reads, so that the agent jar holds two entries where it held
 * six thousand: the JVM reads a jar's whole directory when it opens it, at every start. Usage:
 * {@code java ClassPack.java CLASSES_DIR OUT_DIR [SKIPPED_PREFIX...]}; classes under a skipped prefix (the launcher,
 * multi-release copies) are left out. Writes {@code classes.idx} and {@code classes.pack} into OUT_DIR.
 *
 * <p>Index, big-endian: magic {@code ABPC}, version 1, entry count, table size (a power of two); the table (entry
 * number or -1, open addressing by {@code String.hashCode} of the binary class name, linear probing); per entry
 * name offset, name length, data offset, compressed length, length; then the names in UTF-8. Pack: each class
 * deflated without zlib header, back to back.
 */
public final class ClassPack {
  static final int MAGIC = 0x41425043;
  static final int VERSION = 1;

  public static void main(String[] args) throws IOException {
    Path classes = Paths.get(args[0]);
    Path out = Paths.get(args[1]);
    List<String> skipped = Arrays.asList(args).subList(2, args.length);
    List<String> names;
    try (Stream<Path> files = Files.walk(classes)) {
      names = files.filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file).toString().replace('\\', '/'))
          .filter(path -> skipped.stream().noneMatch(path::startsWith))
          .map(path -> path.substring(0, path.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .collect(Collectors.toList());
    }
    int tableSize = Integer.highestOneBit(Math.max(1, names.size() * 2 - 1)) * 2;
    int[] table = new int[tableSize];
    Arrays.fill(table, -1);
    ByteArrayOutputStream nameBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream entries = new ByteArrayOutputStream();
    DataOutputStream entry = new DataOutputStream(entries);
    Files.createDirectories(out);
    long dataOffset = 0;
    try (OutputStream pack = Files.newOutputStream(out.resolve("classes.pack"))) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        byte[] raw = Files.readAllBytes(classes.resolve(name.replace('.', '/') + ".class"));
        byte[] compressed = deflate(raw);
        byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
        entry.writeInt(nameBytes.size());
        entry.writeInt(encoded.length);
        entry.writeInt(Math.toIntExact(dataOffset));
        entry.writeInt(compressed.length);
        entry.writeInt(raw.length);
        nameBytes.write(encoded);
        pack.write(compressed);
        dataOffset += compressed.length;
        int slot = name.hashCode() & (tableSize - 1);
        while (table[slot] != -1) {
          slot = (slot + 1) & (tableSize - 1);
        }
        table[slot] = i;
      }
    }
    try (DataOutputStream index = new DataOutputStream(Files.newOutputStream(out.resolve("classes.idx")))) {
      index.writeInt(MAGIC);
      index.writeInt(VERSION);
      index.writeInt(names.size());
      index.writeInt(tableSize);
      for (int slot : table) {
        index.writeInt(slot);
      }
      entries.writeTo(index);
      nameBytes.writeTo(index);
    }
    System.out.println("ClassPack: " + names.size() + " classes, " + dataOffset + " bytes packed");
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
      byte[] chunk = new byte[8192];
      while (!deflater.finished()) {
        out.write(chunk, 0, deflater.deflate(chunk));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }
}
