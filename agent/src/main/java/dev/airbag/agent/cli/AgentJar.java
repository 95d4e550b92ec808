package dev.airbag.agent.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;

/** Where the running agent jar is: what {@code attach} asks the target JVM to load. Stateless. */
final class AgentJar {
  private AgentJar() {}

  /** The jar this class came from, or null when it was not loaded from a jar file. */
  static Path path() {
    try {
      CodeSource source = AgentJar.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      Path path = Paths.get(source.getLocation().toURI()).toAbsolutePath();
      return Files.isRegularFile(path) ? path : null;
    } catch (URISyntaxException | RuntimeException unknown) {
      return null;
    }
  }
}
