package dev.airbag.agent.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-fallback}} in config values from the environment, as a shell would:
 * the fallback applies when the variable is unset or empty. Other text, including an unclosed {@code ${}, is
 * kept as written. Stateless.
 */
final class EnvExpander {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  /** The outcome: the expanded text, or the first variable that was undefined without a fallback. */
  static final class Result {
    final String value;
    final String undefinedVariable;

    private Result(String value, String undefinedVariable) {
      this.value = value;
      this.undefinedVariable = undefinedVariable;
    }

    boolean ok() {
      return undefinedVariable == null;
    }
  }

  private EnvExpander() {}

  static Result expand(String text, Map<String, String> env) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      String value = env.get(matcher.group(1));
      String fallback = matcher.group(2);
      if (value == null && fallback == null) {
        return new Result(null, matcher.group(1));
      }
      boolean unset = value == null || value.isEmpty();
      out.append(text, last, matcher.start()).append(unset && fallback != null ? fallback : value);
      last = matcher.end();
    }
    return new Result(out.append(text.substring(last)).toString(), null);
  }
}
