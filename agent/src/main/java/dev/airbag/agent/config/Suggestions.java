package dev.airbag.agent.config;

import java.util.ArrayList;
import java.util.List;

/** Builds "did you mean" candidates from a key table for property names and environment names. Stateless. */
final class Suggestions {
  private Suggestions() {}

  /** The closest fixed key or family member; also tries the name with {@code airbag.} in front. */
  static String forProperty(ConfigTable table, String name) {
    List<NameSuggester.Shape> shapes = new ArrayList<>();
    for (KeyFamily<?> family : table.families()) {
      shapes.add(new NameSuggester.Shape(family.prefix(), family.suffix()));
    }
    String suggestion = NameSuggester.suggest(name, table.names(), shapes);
    if (suggestion == null && !name.startsWith("airbag.")) {
      suggestion = NameSuggester.suggest("airbag." + name, table.names(), shapes);
    }
    return suggestion;
  }

  /** The closest environment name of a fixed key or of a family the environment can spell. */
  static String forEnv(ConfigTable table, String envName) {
    List<NameSuggester.Shape> shapes = new ArrayList<>();
    for (KeyFamily<?> family : table.families()) {
      if (family.envPattern() != null) {
        shapes.add(new NameSuggester.Shape(family.envPrefix(), family.envSuffix()));
      }
    }
    return NameSuggester.suggest(envName, table.envNames(), shapes);
  }
}
