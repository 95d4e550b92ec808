package dev.airbag.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes properties files for tests. */
final class ConfigFiles {
  private ConfigFiles() {}

  static Path write(Path dir, String... lines) {
    return writeNamed(dir, "airbag.properties", lines);
  }

  static Path writeNamed(Path dir, String name, String... lines) {
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static String agentArgs(Path file) {
    return "config=" + file;
  }
}
