package dev.airbag.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks names up in a key table: property names and environment names to fixed keys or family members.
 * Separate from {@link ConfigKeys} so that tests can load against a table of their own. Immutable.
 */
final class ConfigTable {
  /** What a name resolved to: a fixed key, or a family and the variable part. */
  static final class Match {
    final ConfigKey<?> key;
    final KeyFamily<?> family;
    final String variable;

    private Match(ConfigKey<?> key, KeyFamily<?> family, String variable) {
      this.key = key;
      this.family = family;
      this.variable = variable;
    }

    /** The property name that values are merged under; family names are normalised as the family says. */
    String canonicalName() {
      return key != null ? key.name() : family.keyFor(variable);
    }

    boolean secret() {
      return key != null ? key.secret() : family.secret();
    }
  }

  private final List<ConfigKey<?>> keys;
  private final List<KeyFamily<?>> families;
  private final Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
  private final Map<String, ConfigKey<?>> byEnvName = new LinkedHashMap<>();

  ConfigTable(List<ConfigKey<?>> keys, List<KeyFamily<?>> families) {
    this.keys = List.copyOf(keys);
    this.families = List.copyOf(families);
    for (ConfigKey<?> key : keys) {
      byName.put(key.name(), key);
      byEnvName.put(key.envName(), key);
    }
  }

  List<ConfigKey<?>> keys() {
    return keys;
  }

  List<KeyFamily<?>> families() {
    return families;
  }

  /** Matches a property name; null when no key or family has that shape. */
  Match match(String name) {
    ConfigKey<?> key = byName.get(name);
    if (key != null) {
      return new Match(key, null, null);
    }
    for (KeyFamily<?> family : families) {
      String variable = family.variableOf(name);
      if (variable != null) {
        return new Match(null, family, variable);
      }
    }
    return null;
  }

  /** Matches an environment name; null when no key or env-spelled family has that shape. */
  Match matchEnv(String envName) {
    ConfigKey<?> key = byEnvName.get(envName);
    if (key != null) {
      return new Match(key, null, null);
    }
    for (KeyFamily<?> family : families) {
      String variable = family.variableOfEnv(envName);
      if (variable != null) {
        return new Match(null, family, variable);
      }
    }
    return null;
  }

  /** The first file-only family an environment name tries to set, or null. */
  KeyFamily<?> unspellableFamily(String envName) {
    for (KeyFamily<?> family : families) {
      if (family.unspellableInEnv(envName)) {
        return family;
      }
    }
    return null;
  }

  /** Every fixed property name, for suggestions. */
  List<String> names() {
    return new ArrayList<>(byName.keySet());
  }

  /** Every fixed environment name, for suggestions. */
  List<String> envNames() {
    return new ArrayList<>(byEnvName.keySet());
  }
}
