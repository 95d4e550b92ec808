package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.support.OwnerOnlyFiles;
import dev.airbag.agent.telemetry.events.Event;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sink's batches on disk while its collector is away: a file per batch named
 * {@code <sequence>-<events>.jsonl}, so delivery order (lowest sequence first) and sizes survive a restart
 * without reading the files. Each file is signed ({@link SpoolSignature}): one Airbag did not write is never
 * delivered. Files appear atomically (written as {@code .tmp}, then renamed), so a crash
 * leaves no torn batch. Past {@code maxBytes} the oldest files are evicted, except the one being sent.
 * Not thread-safe: the owning sink guards it with its lock.
 */
final class Spool implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("(\\d{19})-(\\d{1,9})\\.jsonl");
  // A sealed file is its batch plus one header line; anything much larger was not written by Airbag.
  private static final long HEADROOM = 4096;

  private final SpoolDirectory directory;
  private final SpoolSignature signature;
  private final long maxBytes;
  private final TreeMap<Long, SpoolEntry> entries = new TreeMap<>();
  private long bytes;
  private long nextSeq;

  private Spool(SpoolDirectory directory, SpoolSignature signature, long maxBytes) throws IOException {
    this.directory = directory;
    this.signature = signature;
    this.maxBytes = maxBytes;
    if (directory != null) {
      scan(directory.path());
    }
    this.nextSeq = entries.isEmpty() ? 1 : entries.lastKey() + 1;
  }

  /** Opens (and locks) the sink's spool under the root, picking up what earlier runs left, oldest first. */
  static Spool open(Path root, String sinkName, long maxBytes) throws IOException {
    SpoolDirectory directory = SpoolDirectory.lock(root, sinkName);
    try {
      return new Spool(directory, SpoolSignature.forDirectory(root), maxBytes);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** A spool that stores nothing: every batch offered to it is dropped. */
  static Spool disabled() {
    try {
      return new Spool(null, null, 0);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** A sequence number above every file written so far, to write a batch under later. */
  long reserve() {
    return nextSeq++;
  }

  /** The oldest file, or null. */
  SpoolEntry oldest() {
    return entries.isEmpty() ? null : entries.firstEntry().getValue();
  }

  /** The batch in the file; throws when it is not a batch Airbag wrote (see {@link SpoolSignature}). */
  List<Event> read(SpoolEntry entry) throws IOException {
    String name = entry.path.getFileName().toString();
    return SpoolCodec.decode(signature.open(name, SpoolSignature.readNoFollow(entry.path, maxBytes + HEADROOM)));
  }

  void delete(SpoolEntry entry) {
    if (entries.remove(entry.seq) != null) {
      bytes -= entry.bytes;
    }
    try {
      Files.deleteIfExists(entry.path);
    } catch (IOException e) {
      // It would be sent again by the next run: a duplicate (same id), never a loss.
    }
  }

  /**
   * Stores the batch under the sequence number, evicting the oldest files (never {@code pinnedSeq}) to stay
   * under the limit. Returns the events evicted, plus the batch's own when it could not be stored.
   */
  Stored store(long seq, List<Event> batch, long pinnedSeq) throws IOException {
    String name = String.format(Locale.ROOT, "%019d-%d.jsonl", seq, batch.size());
    byte[] content = directory == null ? null : signature.seal(name, SpoolCodec.encode(batch));
    // A batch larger than the whole spool would evict everything and still not fit.
    if (directory == null || content.length > maxBytes) {
      return new Stored(false, batch.size());
    }
    long evicted = 0;
    Iterator<SpoolEntry> oldestFirst = entries.values().iterator();
    while (bytes + content.length > maxBytes && oldestFirst.hasNext()) {
      SpoolEntry victim = oldestFirst.next();
      if (victim.seq == pinnedSeq) {
        continue;
      }
      oldestFirst.remove();
      bytes -= victim.bytes;
      evicted += victim.events;
      Files.deleteIfExists(victim.path);
    }
    if (bytes + content.length > maxBytes) {
      return new Stored(false, evicted + batch.size());
    }
    Path target = directory.path().resolve(name);
    Path temporary = directory.path().resolve(name + ".tmp");
    // createFile fails on anything already there, a symbolic link included, so the write lands in a new file.
    Files.write(Files.createFile(temporary, OwnerOnlyFiles.fileAttributes(temporary)), content, StandardOpenOption.WRITE);
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    entries.put(seq, new SpoolEntry(seq, batch.size(), content.length, target));
    bytes += content.length;
    return new Stored(true, evicted);
  }

  long bytes() {
    return bytes;
  }

  /** The directory in use, or null when disabled. */
  Path directory() {
    return directory == null ? null : directory.path();
  }

  /** Releases the directory's lock; the files stay for the next run. */
  @Override
  public void close() {
    if (directory != null) {
      directory.close();
    }
  }

  private void scan(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        Matcher matcher = NAME.matcher(name);
        if (matcher.matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          long size = Files.size(file);
          long seq = Long.parseLong(matcher.group(1));
          entries.put(seq, new SpoolEntry(seq, Integer.parseInt(matcher.group(2)), size, file));
          bytes += size;
        } else if (name.endsWith(".tmp")) {
          // A write that a crash interrupted; its batch was never acknowledged as spooled.
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** What {@link #store} did: whether the batch is on disk, and how many events were dropped for room. */
  static final class Stored {
    final boolean stored;
    final long dropped;

    Stored(boolean stored, long dropped) {
      this.stored = stored;
      this.dropped = dropped;
    }
  }
}
