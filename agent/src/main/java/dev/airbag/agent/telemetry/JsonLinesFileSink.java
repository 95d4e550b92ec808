package dev.airbag.agent.telemetry;

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

/**
 * Appends each event as one JSON line ({@link EventJson}) to a local file: the embedded default sink. The file
 * and its parent directories are created on the first write, the file owner-only (rw-------) where the file
 * system has POSIX permissions, since events may name endpoints and models. A batch is encoded in memory and
 * written with one write, so a batch's lines are never interleaved with another writer's. After a failed
 * write the file is reopened on the next batch. No fsync: flush is a no-op, the OS owns durability. Not
 * thread-safe: used only from the exporter thread.
 */
public final class JsonLinesFileSink implements EventSink {
  private static final byte NEWLINE = '\n';

  private final Path path;
  private final long maxBytes;
  private FileChannel channel;

  public JsonLinesFileSink(Path path) {
    this(path, Long.MAX_VALUE);
  }

  /** Rotates to {@code PATH.1} (replacing an older one) before a batch would grow the file past {@code maxBytes}. */
  public JsonLinesFileSink(Path path, long maxBytes) {
    this.path = path.toAbsolutePath();
    this.maxBytes = maxBytes;
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
    close();
    Files.move(path, path.resolveSibling(path.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return open();
  }

  private FileChannel open() throws IOException {
    if (channel == null) {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      createOwnerOnly();
      channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    return channel;
  }

  private void createOwnerOnly() throws IOException {
    // Only a new file gets the permissions: an existing one keeps what its owner chose.
    if (Files.exists(path)) {
      return;
    }
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    try {
      Files.createFile(path, attributes);
    } catch (FileAlreadyExistsException raced) {
      // Another process created it between the check and here; append to theirs.
    }
  }
}
