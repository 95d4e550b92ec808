package dev.airbag.agent.telemetry.export;

import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Attributes for spool directories rwx------ and files rw------- where the file system has POSIX permissions,
 * since spooled events name endpoints, models and exception messages. Whether an existing directory may be used
 * is {@link TrustedPaths}' call. Stateless.
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {
  }

  /** Attributes for a new owner-only directory. */
  static FileAttribute<?>[] directoryAttributes(Path path) {
    return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
        : new FileAttribute<?>[0];
  }

  /** Attributes for a new owner-only file. */
  static FileAttribute<?>[] file(Path path) {
    return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
