package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.support.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * Decides whether Airbag may keep its spool in a directory: it must be a real directory (never a symbolic link),
 * owned by the JVM's user and writable by no one else, and its parent must not let others swap it (owned by that
 * user or root, and writable by others only with the sticky bit, as /tmp). A missing directory is created owner-only (rwx------). A directory
 * someone else made is never chmod-ed or used. Where the file system has no POSIX permissions, only the symbolic
 * link rule applies. Stateless.
 */
final class TrustedPaths {
  private static final int STICKY = 01000;

  private TrustedPaths() {
  }

  /** Creates the directory owner-only if it is missing, then checks it; throws when it cannot be trusted. */
  static void directory(Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      directory(parent);
    }
    if (parent != null) {
      checkParent(parent);
    }
    try {
      Files.createDirectory(dir, OwnerOnlyFiles.directoryAttributes(dir));
    } catch (FileAlreadyExistsException existing) {
      // Someone (an earlier run, or not) made it first: it is checked below like any other.
    }
    check(dir, true);
  }

  /** Checks an existing file Airbag is about to read or lock: a regular file, ours, writable by no one else. */
  static void file(Path file) throws IOException {
    check(file, false);
  }

  private static void check(Path path, boolean directory) throws IOException {
    if (Files.isSymbolicLink(path)) {
      throw new UntrustedPathException(path + " is a symbolic link; Airbag never follows one in its spool");
    }
    if (!posix(path)) {
      return;
    }
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException gone) {
      throw new UntrustedPathException(path + " vanished while Airbag checked it");
    }
    if (directory ? !attributes.isDirectory() : !attributes.isRegularFile()) {
      throw new UntrustedPathException(path + " is not a " + (directory ? "directory" : "regular file"));
    }
    UserPrincipal me = JvmUser.get();
    if (!me.equals(attributes.owner())) {
      throw new UntrustedPathException(path + " belongs to " + attributes.owner().getName() + ", not to "
          + me.getName() + " (the JVM's user)");
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new UntrustedPathException(path + " can be written by other users ("
          + java.nio.file.attribute.PosixFilePermissions.toString(permissions) + ")");
    }
    if (directory && !permissions.equals(OwnerOnlyFiles.DIRECTORY)) {
      // Ours, and only readable by others: tightening our own directory is safe.
      Files.setPosixFilePermissions(path, OwnerOnlyFiles.DIRECTORY);
    }
  }

  private static void checkParent(Path parent) throws IOException {
    if (!posix(parent)) {
      return;
    }
    PosixFileAttributes attributes = Files.readAttributes(parent, PosixFileAttributes.class);
    UserPrincipal owner = attributes.owner();
    if (!owner.equals(JvmUser.get()) && !"root".equals(owner.getName())) {
      throw new UntrustedPathException(parent + " belongs to " + owner.getName() + ", who could replace the spool"
          + " directory in it");
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    boolean othersWrite = permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    if (othersWrite && !sticky(parent)) {
      throw new UntrustedPathException(parent + " can be written by other users without the sticky bit, so they"
          + " could replace the spool directory in it");
    }
  }

  private static boolean sticky(Path dir) {
    try {
      Object mode = Files.getAttribute(dir, "unix:mode");
      return mode instanceof Integer && (((Integer) mode) & STICKY) != 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException noUnixView) {
      // Without the unix view the bit cannot be read: assume the worst.
      return false;
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
