package dev.airbag.agent.config;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.redact.ControlChars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration, read once at start-up from the file, system properties and environment. Loading
 * never throws: every bad value keeps its default and leaves one line in {@link #problems()}, so the app always
 * starts. Immutable and thread-safe.
 */
public final class AirbagConfig {
  private final String origin;
  private final List<String> problems;
  private final Map<String, Setting> settings;
  private final List<FamilyEntry> entries;
  private final Map<String, EndpointDeclaration> endpoints;
  private final Map<Integer, Category> statusRules;
  private final Map<String, Category> errorCodeRules;
  private final Map<String, List<String>> fallbackChains;
  private final Map<String, String> contextLengthFallbacks;

  AirbagConfig(String origin, List<String> problems, Map<String, Setting> settings, List<FamilyEntry> entries,
      Map<String, EndpointDeclaration> endpoints) {
    this.origin = origin;
    // A value may hold NUL, ESC or a line break: each problem stays one line that cannot rewrite a terminal.
    this.problems = problems.stream().map(ControlChars::escape).collect(java.util.stream.Collectors.toUnmodifiableList());
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    this.entries = List.copyOf(entries);
    this.endpoints = endpoints;
    Map<Integer, Category> statuses = new LinkedHashMap<>();
    for (Map.Entry<String, Category> rule : family(ConfigKeys.CLASSIFY_STATUS).entrySet()) {
      statuses.put(Integer.valueOf(rule.getKey()), rule.getValue());
    }
    this.statusRules = Collections.unmodifiableMap(statuses);
    this.errorCodeRules = family(ConfigKeys.CLASSIFY_ERROR_CODE);
    this.fallbackChains = family(ConfigKeys.FALLBACK_CHAIN);
    this.contextLengthFallbacks = family(ConfigKeys.FALLBACK_CONTEXT_LENGTH);
  }

  /** Loads from the given sources; never throws. */
  public static AirbagConfig load(ConfigSources sources) {
    return load(sources, ConfigKeys.table());
  }

  /** Loads against another key table, so that tests can add keys (a secret one, say). */
  static AirbagConfig load(ConfigSources sources, ConfigTable table) {
    try {
      return new ConfigLoader(table, sources).load();
    } catch (RuntimeException e) {
      // A bug in the loader must not stop the app: run on defaults and say so.
      AirbagConfig defaults = new ConfigLoader(table, ConfigSources.of(null, Map.of(), Map.of())).load();
      return new AirbagConfig("no config file", List.of("cannot load configuration (" + e
          + "); using defaults"), defaults.settings, List.of(), Map.of());
    }
  }

  /** Every key at its default: no file, no overrides, no problems. */
  public static AirbagConfig defaults() {
    return load(ConfigSources.of(null, Map.of(), Map.of()));
  }

  /** The effective value of a fixed key; null means off (or, for the service name, derived at run time). */
  @SuppressWarnings("unchecked")
  public <T> T get(ConfigKey<T> key) {
    Setting setting = settings.get(key.name());
    return setting == null ? key.defaultValue() : (T) setting.value;
  }

  /** The members of a key family that were set and valid, by variable part, in declaration order. */
  @SuppressWarnings("unchecked")
  public <T> Map<String, T> family(KeyFamily<T> family) {
    Map<String, T> members = new LinkedHashMap<>();
    for (FamilyEntry entry : entries) {
      if (entry.family == family && entry.setting != null) {
        members.put(entry.variable, (T) entry.setting.value);
      }
    }
    return Collections.unmodifiableMap(members);
  }

  /** Where the file came from, like {@code file /etc/airbag.properties}, or {@code no config file}. */
  public String origin() {
    return origin;
  }

  /** One self-contained line per problem found while loading; empty when all is well. */
  public List<String> problems() {
    return problems;
  }

  /** User-declared endpoints by name, in declaration order. */
  public Map<String, EndpointDeclaration> endpoints() {
    return endpoints;
  }

  /** {@code airbag.classify.status.NNN=category}, by status. */
  public Map<Integer, Category> statusRules() {
    return statusRules;
  }

  /** {@code airbag.classify.error-code.CODE=category}, by code. */
  public Map<String, Category> errorCodeRules() {
    return errorCodeRules;
  }

  /** {@code airbag.fallback.MODEL=M2,M3}: the models to try after MODEL, in order. */
  public Map<String, List<String>> fallbackChains() {
    return fallbackChains;
  }

  /** {@code airbag.fallback.context-length.MODEL=BIGGER}. */
  public Map<String, String> contextLengthFallbacks() {
    return contextLengthFallbacks;
  }

  /** One {@code key = value   (source)} line per effective key, sorted by key, secrets shown as {@code ****}. */
  public String describe() {
    Map<String, String> lines = new java.util.TreeMap<>();
    settings.forEach((name, setting) -> lines.put(name, line(name, setting)));
    for (FamilyEntry entry : entries) {
      if (entry.setting != null) {
        lines.put(entry.name(), line(entry.name(), entry.setting));
      }
    }
    return String.join("\n", new ArrayList<>(lines.values())) + "\n";
  }

  private static String line(String name, Setting setting) {
    return name + " = " + setting.shown + "   (" + setting.source + ")";
  }

  @Override
  public String toString() {
    return "AirbagConfig(" + origin + ", " + problems.size() + " problems)";
  }
}
