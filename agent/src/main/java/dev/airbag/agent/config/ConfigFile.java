package dev.airbag.agent.config;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The properties file, if one is named: found through the agent argument, then {@code airbag.config}, then
 * {@code AIRBAG_CONFIG}; read in UTF-8, keeping the order in which keys appear. A file that cannot be read
 * costs one problem line, never an exception. Immutable once read.
 */
final class ConfigFile {
  static final String PROPERTY = "airbag.config";
  static final String ENV = "AIRBAG_CONFIG";
  /** The keys that name a model, whose ids may hold ':' (Bedrock's {@code ...-v1:0}, ARNs). */
  private static final String MODEL_KEYED = "airbag.fallback.";

  private final Map<String, String> entries;
  private final Source source;
  private final String origin;

  private ConfigFile(Map<String, String> entries, Source source, String origin) {
    this.entries = Collections.unmodifiableMap(entries);
    this.source = source;
    this.origin = origin;
  }

  static ConfigFile load(ConfigSources sources, List<String> problems) {
    String named = AgentArguments.configPath(sources.agentArgs(), problems);
    if (named == null) {
      named = nonBlank(sources.systemProperties().get(PROPERTY));
    }
    if (named == null) {
      named = nonBlank(sources.env().get(ENV));
    }
    if (named == null) {
      return new ConfigFile(Map.of(), null, "no config file");
    }
    String shown = named;
    try {
      Path path = Paths.get(named).toAbsolutePath().normalize();
      shown = path.toString();
      OrderedProperties properties = new OrderedProperties();
      try (Reader reader = new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      return new ConfigFile(rejoinModelKeys(properties.entries, problems), Source.file(shown), "file " + shown);
    } catch (Exception e) {
      problems.add("cannot read config file " + shown + " (" + reason(e, shown) + "); using defaults, "
          + "system properties and environment");
      return new ConfigFile(Map.of(), null, "no config file (cannot read " + shown + ")");
    }
  }

  /** Keys and values in file order; a key repeated in the file keeps its first position and last value. */
  Map<String, String> entries() {
    return entries;
  }

  /** The file as a value source; null when there is no file. */
  Source source() {
    return source;
  }

  /** {@code file /etc/airbag.properties}, or why there is none. */
  String origin() {
    return origin;
  }

  /**
   * In a properties file ':' ends a key as '=' does, so a fallback key naming a Bedrock model id
   * ({@code airbag.fallback.anthropic.claude-3-5-sonnet-20240620-v1:0=...}) or an ARN is cut at its first ':' unless
   * written {@code \\:}, and its value then starts with the rest of the key and '='. A model list never holds '=':
   * such a key is put back together as written, and said once.
   */
  static Map<String, String> rejoinModelKeys(Map<String, String> entries, List<String> problems) {
    Map<String, String> rejoined = new LinkedHashMap<>();
    entries.forEach((key, value) -> {
      int equals = value.indexOf('=');
      if (key.startsWith(MODEL_KEYED) && equals > 0 && !value.substring(0, equals).trim().contains(",")) {
        String whole = key + ":" + value.substring(0, equals).trim();
        String models = value.substring(equals + 1).trim();
        problems.add(whole + ": read as one key, though its ':' ends a key in a properties file; write it "
            + whole.replace(":", "\\:") + "=" + models + " to say so");
        rejoined.put(whole, models);
      } else {
        rejoined.put(key, value);
      }
    });
    return rejoined;
  }

  private static String nonBlank(String text) {
    return text == null || text.trim().isEmpty() ? null : text.trim();
  }

  // NoSuchFileException's message is just the path, which the line already names.
  private static String reason(Exception e, String shown) {
    String message = e.getMessage();
    boolean useful = message != null && !message.isEmpty() && !shown.endsWith(message);
    return e.getClass().getSimpleName() + (useful ? ": " + message : "");
  }

  /** Records keys in the order {@link Properties#load} meets them; Properties itself is a hash table. */
  private static final class OrderedProperties extends Properties {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> entries = new LinkedHashMap<>();

    @Override
    public synchronized Object put(Object key, Object value) {
      entries.put(String.valueOf(key), String.valueOf(value));
      return super.put(key, value);
    }
  }
}
