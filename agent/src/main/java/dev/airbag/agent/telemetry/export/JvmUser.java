package dev.airbag.agent.telemetry.export;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;

/**
 * The user this JVM runs as, read once as the owner of a file it creates: {@code user.name} is only a system
 * property, which a command line may set to anything. Thread-safe.
 */
final class JvmUser {
  private static volatile UserPrincipal user;

  private JvmUser() {
  }

  static UserPrincipal get() throws IOException {
    UserPrincipal known = user;
    if (known == null) {
      known = probe();
      user = known;
    }
    return known;
  }

  private static UserPrincipal probe() throws IOException {
    try {
      Path probe = Files.createTempFile("airbag-owner", ".probe");
      try {
        return Files.getOwner(probe);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException noTempDir) {
      // A read-only temp directory: the name is the best evidence left.
      return FileSystems.getDefault().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
    }
  }
}
