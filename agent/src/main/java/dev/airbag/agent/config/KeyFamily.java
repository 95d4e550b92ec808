package dev.airbag.agent.config;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * A dynamic key shape, like {@code airbag.endpoint.<name>.url}: a fixed prefix and suffix around a variable
 * part that the user chooses. One row of the key table, like {@link ConfigKey}. Immutable and thread-safe.
 *
 * @param <T> the type of each key's value
 */
public final class KeyFamily<T> {
  private final String prefix;
  private final String variable;
  private final String suffix;
  private final ValueType<T> type;
  private final String description;
  private final String whenRejected;
  private final Rules rules;

  /** The optional parts of a family, so that the table rows stay short. */
  static final class Rules {
    private static final Predicate<String> ANY_NAME = name -> true;

    final boolean envSpelled;
    final boolean lowerCaseVariable;
    final boolean secret;
    final String defaultText;
    final Predicate<String> variableRule;
    final String variableExpectation;

    Rules(boolean envSpelled, boolean lowerCaseVariable, boolean secret, String defaultText,
        Predicate<String> variableRule, String variableExpectation) {
      this.envSpelled = envSpelled;
      this.lowerCaseVariable = lowerCaseVariable;
      this.secret = secret;
      this.defaultText = defaultText;
      this.variableRule = variableRule;
      this.variableExpectation = variableExpectation;
    }

    /** Names that shells can spell: settable from the environment, upper case there and lower case here. */
    static Rules envNames() {
      return new Rules(true, true, false, "", ANY_NAME, "");
    }

    /** Names only the file or {@code -D} can spell (models have dots, colons and case). */
    static Rules fileOnly() {
      return new Rules(false, false, false, "", ANY_NAME, "");
    }

    Rules withDefault(String text) {
      return new Rules(envSpelled, lowerCaseVariable, secret, text, variableRule, variableExpectation);
    }

    Rules withVariableRule(Predicate<String> rule, String expectation) {
      return new Rules(envSpelled, lowerCaseVariable, secret, defaultText, rule, expectation);
    }

    Rules asSecret() {
      return new Rules(envSpelled, lowerCaseVariable, true, defaultText, variableRule, variableExpectation);
    }
  }

  /**
   * @param whenRejected what happens to a bad value, with {@code %s} for the variable part
   *     ({@code the endpoint %s is dropped})
   */
  KeyFamily(String prefix, String variable, String suffix, ValueType<T> type, String description,
      String whenRejected, Rules rules) {
    this.prefix = prefix;
    this.variable = variable;
    this.suffix = suffix;
    this.type = type;
    this.description = description;
    this.whenRejected = whenRejected;
    this.rules = rules;
  }

  /** The shape as the README shows it, like {@code airbag.endpoint.<name>.url}. */
  public String pattern() {
    return prefix + "<" + variable + ">" + suffix;
  }

  /** The environment shape, like {@code AIRBAG_ENDPOINT_<NAME>_URL}; null when only the file or -D can set it. */
  public String envPattern() {
    return rules.envSpelled ? envPrefix() + "<" + variable.toUpperCase(Locale.ROOT) + ">" + envSuffix() : null;
  }

  public String allowed() {
    return type.allowed();
  }

  public String description() {
    return description;
  }

  public boolean secret() {
    return rules.secret;
  }

  /** The default of each member as the README prints it; empty when a member has no default. */
  public String defaultText() {
    return rules.defaultText;
  }

  /** The property name of one member, like {@code airbag.endpoint.local.url}. */
  public String keyFor(String variablePart) {
    return prefix + variablePart + suffix;
  }

  /** The variable part of a property name of this shape (lower-cased where names are), or null. */
  String variableOf(String key) {
    if (key.length() <= prefix.length() + suffix.length() || !key.startsWith(prefix) || !key.endsWith(suffix)) {
      return null;
    }
    String part = key.substring(prefix.length(), key.length() - suffix.length());
    return rules.lowerCaseVariable ? part.toLowerCase(Locale.ROOT) : part;
  }

  /** The variable part of an environment name of this shape, lower-cased, or null. */
  String variableOfEnv(String envName) {
    String envPrefix = envPrefix();
    String envSuffix = envSuffix();
    boolean fits = envName.length() > envPrefix.length() + envSuffix.length()
        && envName.startsWith(envPrefix) && envName.endsWith(envSuffix);
    return rules.envSpelled && fits
        ? envName.substring(envPrefix.length(), envName.length() - envSuffix.length()).toLowerCase(Locale.ROOT)
        : null;
  }

  /** True for an environment name that tries to set this family when only the file or -D can. */
  boolean unspellableInEnv(String envName) {
    return !rules.envSpelled && envName.startsWith(envPrefix());
  }

  boolean acceptsVariable(String variablePart) {
    return rules.variableRule.test(variablePart);
  }

  String variableName() {
    return variable;
  }

  String variableExpectation() {
    return rules.variableExpectation;
  }

  String whenRejected(String variablePart) {
    // A plain replace: String.format would load the Formatter, and its regular expressions, at every start.
    return whenRejected.replace("%s", variablePart);
  }

  String prefix() {
    return prefix;
  }

  String suffix() {
    return suffix;
  }

  String envPrefix() {
    return ConfigKey.envName(prefix);
  }

  String envSuffix() {
    return ConfigKey.envSpelling(suffix);
  }

  ValueType<T> type() {
    return type;
  }

  @Override
  public String toString() {
    return pattern();
  }
}
