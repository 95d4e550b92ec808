package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.support.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A sink's spool directory, held with an exclusive file lock so that two JVMs of the same service never send
 * (and delete) each other's batches. The first free slot wins: {@code <root>/<sink>}, else
 * {@code <root>/<sink>-2} … {@code -8}; a later run that gets a slot delivers what it holds. The root, each
 * slot and its lock file must pass {@link TrustedPaths}, and no symbolic link is ever followed. Thread-safe.
 */
final class SpoolDirectory implements AutoCloseable {
  static final int SLOTS = 8;
  private static final String LOCK_FILE = ".lock";

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private SpoolDirectory(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  static SpoolDirectory lock(Path root, String sinkName) throws IOException {
    TrustedPaths.directory(root);
    IOException last = null;
    for (int slot = 1; slot <= SLOTS; slot++) {
      Path dir = root.resolve(slot == 1 ? sinkName : sinkName + "-" + slot);
      try {
        SpoolDirectory held = tryLock(dir);
        if (held != null) {
          return held;
        }
      } catch (UntrustedPathException untrusted) {
        // A planted slot is refused outright: trying the next one would hide it.
        throw untrusted;
      } catch (IOException e) {
        last = e;
      }
    }
    throw last != null ? last : new IOException("every spool slot under " + root + " is held by another process");
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException | RuntimeException ignored) {
      // Closing the channel releases it anyway.
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // The OS drops the lock with the process at the latest.
    }
  }

  private static SpoolDirectory tryLock(Path dir) throws IOException {
    TrustedPaths.directory(dir);
    Path lockFile = dir.resolve(LOCK_FILE);
    if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createFile(lockFile, OwnerOnlyFiles.fileAttributes(lockFile));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // Another process created it first; locking decides who owns the slot.
      }
    }
    TrustedPaths.file(lockFile);
    // NOFOLLOW_LINKS: a link swapped in after the check still cannot make Airbag open another file.
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new SpoolDirectory(dir, channel, lock);
      }
    } catch (OverlappingFileLockException heldInThisJvm) {
      // Another sink in this JVM holds it (a second exporter for the same name): try the next slot.
    }
    channel.close();
    return null;
  }
}
