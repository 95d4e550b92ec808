package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.support.OwnerOnlyFiles;
import dev.airbag.agent.engine.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Appends each event as one JSON line ({@link EventJson}) to a local file: the embedded default sink. The file
 * and its parent directories are created on the first write, the file owner-only (rw-------) where the file
 * system has POSIX permissions, since events may name endpoints and models. A batch is encoded in memory and
 * written with one write, so a batch's lines are never interleaved with another writer's. After a failed
 * write the file is reopened on the next batch. Rotation never replaces a previous file younger than an hour (see
 * the constructor). No fsync: flush is a no-op, the OS owns durability. Not
 * thread-safe: used only from the exporter thread.
 */
public final class JsonLinesFileSink implements EventSink {
  private static final byte NEWLINE = '\n';
  /** A previous file younger than this may hold an incident's start: it is never replaced by a rotation. */
  static final long HOLD_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final Path path;
  private final long maxBytes;
  private final Clock clock;
  private FileChannel channel;

  public JsonLinesFileSink(Path path) {
    this(path, Long.MAX_VALUE, Clock.SYSTEM);
  }

  /**
   * Rotates to {@code PATH.1} before a batch would grow the file past {@code maxBytes}, unless {@code PATH.1} was
   * itself rotated less than {@link #HOLD_MILLIS} ago: then the newer events are refused (the write throws, so the
   * dispatcher counts and says so) and the oldest, an incident's first events, are kept.
   */
  public JsonLinesFileSink(Path path, long maxBytes, Clock clock) {
    this.path = path.toAbsolutePath();
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "file";
  }

  public Path path() {
    return path;
  }

  @Override
  public void write(List<Event> batch) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 * batch.size());
    for (Event event : batch) {
      EventJson.writeTo(event, buffer);
      buffer.write(NEWLINE);
    }
    ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
    try {
      FileChannel out = open();
      if (out.size() > 0 && out.size() + bytes.remaining() > maxBytes) {
        out = rotate();
      }
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    } catch (IOException | RuntimeException e) {
      // The channel may be broken (file system full, channel closed by an interrupt): start afresh next batch.
      close();
      throw e;
    }
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    FileChannel open = channel;
    channel = null;
    if (open == null) {
      return;
    }
    try {
      open.close();
    } catch (IOException ignored) {
      // Nothing is buffered in the channel; closing can lose no events.
    }
  }

  private FileChannel rotate() throws IOException {
    Path previous = path.resolveSibling(path.getFileName() + ".1");
    if (Files.exists(previous)) {
      long rotatedAt = Files.getLastModifiedTime(previous).toMillis();
      long left = rotatedAt + HOLD_MILLIS - clock.currentTimeMillis();
      if (left > 0) {
        throw new IOException("the events file " + path + " and its previous file are full (" + maxBytes
            + " bytes each) within the hour: newer events are not written to the file for "
            + TimeUnit.MILLISECONDS.toMinutes(left) + " more minutes, so that the first ones are kept; collectors"
            + " still get them");
      }
    }
    close();
    Files.move(path, previous, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // The previous file's time says when it was rotated: the hold counts from now.
    Files.setLastModifiedTime(previous, java.nio.file.attribute.FileTime.fromMillis(clock.currentTimeMillis()));
    return open();
  }

  private FileChannel open() throws IOException {
    if (channel == null) {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      OwnerOnlyFiles.createIfAbsent(path, "");
      channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    return channel;
  }

}
