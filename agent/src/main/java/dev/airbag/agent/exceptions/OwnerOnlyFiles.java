package dev.airbag.agent.exceptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates and appends to the files Airbag writes for review (labels, pending fingerprints, AI labels): they
 * name the app's classes and failures, so a file Airbag creates is readable by its owner only. Stateless.
 */
final class OwnerOnlyFiles {
  private OwnerOnlyFiles() {
  }

  /** Creates the file, with {@code header} as its content and mode 600 where POSIX; false when it existed. */
  static boolean createIfAbsent(Path file, String header) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      return false;
    }
    Files.write(file, header.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    return true;
  }

  /** Appends text, creating the file owner-only first when it is missing. */
  static void append(Path file, String header, String text) throws IOException {
    createIfAbsent(file, header);
    Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
  }
}
