package dev.airbag.agent.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The agent's only helper for the files and directories it creates (events, spools, review files): they name
 * endpoints, models, the app's classes and exception messages, so they are owner-only (rw------- and rwx------)
 * wherever the file system has POSIX permissions. Whether an existing directory may be used is
 * {@code TrustedPaths}' call. Stateless.
 */
public final class OwnerOnlyFiles {
  public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {
  }

  /** Attributes for a new owner-only directory. */
  public static FileAttribute<?>[] directoryAttributes(Path path) {
    return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
        : new FileAttribute<?>[0];
  }

  /** Attributes for a new owner-only file. */
  public static FileAttribute<?>[] fileAttributes(Path path) {
    return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  /**
   * Creates the file owner-only, with {@code header} as its content; false when it existed (an existing file
   * keeps what its owner chose). Parent directories are created as needed.
   */
  public static boolean createIfAbsent(Path file, String header) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createFile(file, fileAttributes(file));
    } catch (FileAlreadyExistsException raced) {
      // Another process created it between the check and here; use theirs.
      return false;
    }
    if (!header.isEmpty()) {
      Files.write(file, header.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }
    return true;
  }

  /** Appends text, creating the file owner-only first when it is missing. */
  public static void append(Path file, String header, String text) throws IOException {
    createIfAbsent(file, header);
    Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
