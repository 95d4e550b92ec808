package dev.airbag.agent.config;

import java.util.Locale;

/**
 * One row of the key table: a fixed key's name, type, default, allowed values and description. The README,
 * the loader and {@link AirbagConfig#describe()} all read the same row. Immutable and thread-safe.
 *
 * @param <T> the type of the key's value
 */
public final class ConfigKey<T> {
  private final String name;
  private final ValueType<T> type;
  private final T defaultValue;
  private final String defaultText;
  private final String description;
  private final boolean secret;

  private ConfigKey(String name, ValueType<T> type, T defaultValue, String defaultText, String description,
      boolean secret) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.description = description;
    this.secret = secret;
  }

  static <T> ConfigKey<T> of(String name, ValueType<T> type, T defaultValue, String description) {
    return new ConfigKey<>(name, type, defaultValue, type.format(defaultValue), description, false);
  }

  /** The same key with its default shown as {@code text}, for defaults that are computed at run time. */
  ConfigKey<T> defaultShownAs(String text) {
    return new ConfigKey<>(name, type, defaultValue, text, description, secret);
  }

  /** The same key with its value masked in problem lines and {@link AirbagConfig#describe()}. */
  ConfigKey<T> asSecret() {
    return new ConfigKey<>(name, type, defaultValue, defaultText, description, true);
  }

  /** The property name, like {@code airbag.retry.max-attempts}. */
  public String name() {
    return name;
  }

  /** The value when no source sets the key; null means off or derived at run time. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The allowed values in short, as the README shows them. */
  public String allowed() {
    return type.allowed();
  }

  public String description() {
    return description;
  }

  /** True when the value must never be printed. */
  public boolean secret() {
    return secret;
  }

  /** The environment variable that sets this key, like {@code AIRBAG_RETRY_MAX_ATTEMPTS}. */
  public String envName() {
    return envName(name);
  }

  /** The default as the README and problem lines print it. */
  public String defaultText() {
    return defaultText;
  }

  ValueType<T> type() {
    return type;
  }

  /** Maps a property name to its environment variable: {@code AIRBAG_} and the rest {@link #envSpelling}. */
  static String envName(String propertyName) {
    String withoutPrefix = propertyName.startsWith("airbag.") ? propertyName.substring(7) : propertyName;
    return "AIRBAG_" + envSpelling(withoutPrefix);
  }

  /** Upper case, with {@code .} and {@code -} as {@code _}: the only characters every shell accepts. */
  static String envSpelling(String part) {
    return part.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  @Override
  public String toString() {
    return name;
  }
}
