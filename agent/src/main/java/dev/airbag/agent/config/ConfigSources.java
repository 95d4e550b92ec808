package dev.airbag.agent.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where raw values come from: the agent argument string, system properties and environment variables. Tests
 * inject their own; the agent uses {@link #system(String)}. Immutable snapshot, thread-safe.
 */
public final class ConfigSources {
  private final String agentArgs;
  private final Map<String, String> systemProperties;
  private final Map<String, String> env;

  private ConfigSources(String agentArgs, Map<String, String> systemProperties, Map<String, String> env) {
    this.agentArgs = agentArgs;
    this.systemProperties = Map.copyOf(systemProperties);
    this.env = Map.copyOf(env);
  }

  /** The real system properties and environment, copied now; never throws. */
  public static ConfigSources system(String agentArgs) {
    return new ConfigSources(agentArgs, copyOfSystemProperties(), environment());
  }

  /** Given sources, for tests and tools; null maps count as empty. */
  public static ConfigSources of(String agentArgs, Map<String, String> systemProperties, Map<String, String> env) {
    return new ConfigSources(agentArgs, withoutNulls(systemProperties), withoutNulls(env));
  }

  /** The agent argument string as the JVM passed it; may be null. */
  public String agentArgs() {
    return agentArgs;
  }

  public Map<String, String> systemProperties() {
    return systemProperties;
  }

  public Map<String, String> env() {
    return env;
  }

  private static Map<String, String> copyOfSystemProperties() {
    Map<String, String> copy = new HashMap<>();
    try {
      Properties properties = System.getProperties();
      for (String name : properties.stringPropertyNames()) {
        String value = properties.getProperty(name);
        // Another thread may remove a property while we copy.
        if (value != null) {
          copy.put(name, value);
        }
      }
    } catch (SecurityException e) {
      // A security manager may forbid reading properties; Airbag then runs on its file and defaults.
    }
    return copy;
  }

  private static Map<String, String> environment() {
    try {
      return System.getenv();
    } catch (SecurityException e) {
      return Map.of();
    }
  }

  // Map.copyOf rejects null keys and values, which a caller's HashMap may hold.
  private static Map<String, String> withoutNulls(Map<String, String> map) {
    Map<String, String> copy = new HashMap<>();
    if (map != null) {
      map.forEach((key, value) -> {
        if (key != null && value != null) {
          copy.put(key, value);
        }
      });
    }
    return copy;
  }
}
