package dev.airbag.it.support;

import java.nio.file.Path;

/** A JDK the agent is tested on. */
public record Jdk(int major, Path home) {
  public Path java() {
    return home.resolve("bin").resolve("java");
  }

  @Override
  public String toString() {
    return "JDK " + major;
  }
}
