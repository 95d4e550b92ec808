package dev.airbag.agent.telemetry.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates spool directories rwx------ and files rw------- where the file system has POSIX permissions, since
 * spooled events name endpoints, models and exception messages. Stateless.
 */
final class OwnerOnly {
  private OwnerOnly() {
  }

  /** Creates the directory and missing parents owner-only, and makes the directory itself owner-only. */
  static void directory(Path dir) throws IOException {
    if (!posix(dir)) {
      Files.createDirectories(dir);
      return;
    }
    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    // A directory someone else created, or left group-readable, is tightened; if it is not ours this fails.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  /** Attributes for a new owner-only file. */
  static FileAttribute<?>[] file(Path path) {
    return posix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
