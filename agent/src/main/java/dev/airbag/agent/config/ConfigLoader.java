package dev.airbag.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds one {@link AirbagConfig} from the file, system properties and environment: merges them per key
 * (system property over environment over file over default), then expands, parses and validates each
 * winning value. Every problem becomes one line; nothing is thrown. One instance per load, not thread-safe.
 */
final class ConfigLoader {
  private static final String PROPERTY_PREFIX = "airbag.";
  private static final String ENV_PREFIX = "AIRBAG_";

  private final ConfigTable table;
  private final ConfigSources sources;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Raw> winners = new LinkedHashMap<>();
  private final Map<String, ConfigTable.Match> matches = new LinkedHashMap<>();

  ConfigLoader(ConfigTable table, ConfigSources sources) {
    this.table = table;
    this.sources = sources;
  }

  AirbagConfig load() {
    ConfigFile file = ConfigFile.load(sources, problems);
    for (Map.Entry<String, String> entry : file.entries().entrySet()) {
      offer(entry.getKey(), entry.getValue(), file.source());
    }
    // Lowest precedence first: each later source replaces what an earlier one set.
    Map<String, String> env = sources.env();
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith(ENV_PREFIX) && !name.equals(ConfigFile.ENV)) {
        offerEnv(name, env.get(name));
      }
    }
    Map<String, String> properties = sources.systemProperties();
    for (String name : new TreeSet<>(properties.keySet())) {
      if (name.startsWith(PROPERTY_PREFIX) && !name.equals(ConfigFile.PROPERTY)) {
        offer(name, properties.get(name), Source.SYSTEM_PROPERTY);
      }
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    for (ConfigKey<?> key : table.keys()) {
      settings.put(key.name(), resolveKey(key));
    }
    List<FamilyEntry> entries = new ArrayList<>();
    for (Map.Entry<String, ConfigTable.Match> entry : matches.entrySet()) {
      ConfigTable.Match match = entry.getValue();
      if (match.family != null) {
        String name = entry.getKey();
        String consequence = match.family.whenRejected(match.variable);
        Raw raw = winners.get(name);
        Setting setting = resolve(name, raw, match.family.type(), match.secret(), consequence);
        entries.add(new FamilyEntry(match.family, match.variable, raw.source, setting));
      }
    }
    Map<String, EndpointDeclaration> endpoints = EndpointAssembler.assemble(entries, problems);
    return new AirbagConfig(file.origin(), problems, settings, entries, endpoints);
  }

  private void offer(String name, String text, Source source) {
    ConfigTable.Match match = table.match(name);
    if (match == null) {
      String suggestion = Suggestions.forProperty(table, name);
      problems.add(ProblemLines.unknownKey(name, source, suggestion));
    } else {
      accept(name, match, text, source);
    }
  }

  private void offerEnv(String envName, String text) {
    ConfigTable.Match match = table.matchEnv(envName);
    KeyFamily<?> fileOnly = table.unspellableFamily(envName);
    if (match != null) {
      accept(envName, match, text, Source.environment(envName));
    } else if (fileOnly != null) {
      problems.add(ProblemLines.fileOnlyFamily(envName, fileOnly));
    } else {
      problems.add(ProblemLines.unknownKey(envName, Source.ENVIRONMENT, Suggestions.forEnv(table, envName)));
    }
  }

  private void accept(String name, ConfigTable.Match match, String text, Source source) {
    if (match.family != null && !match.family.acceptsVariable(match.variable)) {
      problems.add(ProblemLines.badVariable(name, source, match.family.variableExpectation()));
      return;
    }
    // A later (higher-precedence) source replaces the value but keeps the key's first position.
    winners.put(match.canonicalName(), new Raw(text, source));
    matches.put(match.canonicalName(), match);
  }

  private Setting resolveKey(ConfigKey<?> key) {
    Raw raw = winners.get(key.name());
    Setting fallback = new Setting(key.defaultValue(), key.defaultText(), Source.DEFAULT);
    if (raw == null) {
      return fallback;
    }
    Setting setting = resolve(key.name(), raw, key.type(), key.secret(), "using the default " + key.defaultText());
    return setting == null ? fallback : setting;
  }

  /** Expands and parses one winning value; null (after a problem line) when it cannot be used. */
  private Setting resolve(String name, Raw raw, ValueType<?> type, boolean secret, String consequence) {
    String text = raw.text;
    // The shell has already expanded environment values; a literal ${ in one is meant.
    if (!raw.source.isEnvironment()) {
      EnvExpander.Result expanded = EnvExpander.expand(text, sources.env());
      if (!expanded.ok()) {
        problems.add(ProblemLines.undefinedVariable(name, raw, secret, expanded.undefinedVariable, consequence));
        return null;
      }
      text = expanded.value;
    }
    try {
      Object value = type.parse(text);
      return new Setting(value, secret ? ProblemLines.MASK : type.formatUnchecked(value), raw.source);
    } catch (RuntimeException e) {
      boolean expandedDiffers = !text.equals(raw.text) && !secret;
      String where = expandedDiffers ? raw.source + ", written \"" + raw.text + "\"" : raw.source.toString();
      String shown = secret ? ProblemLines.MASK : text;
      problems.add(ProblemLines.notAllowed(name, shown, where, type.expectation(), consequence));
      return null;
    }
  }
}
