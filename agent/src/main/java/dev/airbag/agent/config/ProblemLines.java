package dev.airbag.agent.config;

/**
 * The wording of every configuration problem: one line that names the key, the value given, where it came
 * from, what is allowed and what happens instead. Secret values are shown as {@code ****}. Stateless.
 */
final class ProblemLines {
  static final String MASK = "****";

  private ProblemLines() {}

  /** {@code airbag.x = "abc" (file /a.properties) is not allowed: expected ...; using the default 4}. */
  static String notAllowed(String key, String shownValue, String where, String expectation, String consequence) {
    return key + " = " + quote(shownValue) + " (" + where + ") is not allowed: " + expectation + "; " + consequence;
  }

  /** A {@code ${VAR}} reference whose variable is not set and has no fallback. */
  static String undefinedVariable(String key, Raw raw, boolean secret, String variable, String consequence) {
    return key + " = " + quote(secret ? MASK : raw.text) + " (" + raw.source + ") refers to the environment "
        + "variable " + variable + ", which is not set (write ${" + variable + ":-fallback} to give a fallback); "
        + consequence;
  }

  /** {@code unknown key airbag.x (system property); did you mean airbag.y? Ignored.} */
  static String unknownKey(String name, Source source, String suggestion) {
    String hint = suggestion == null ? "." : "; did you mean " + suggestion + "?";
    return "unknown key " + name + " (" + source + ")" + hint + " Ignored.";
  }

  /** A key of the right family whose variable part breaks the family's rule, like a status of 999. */
  static String badVariable(String name, Source source, String expectation) {
    return "key " + name + " (" + source + ") is not allowed: " + expectation + ". Ignored.";
  }

  /** An environment variable for a family whose names the environment cannot spell. */
  static String fileOnlyFamily(String envName, KeyFamily<?> family) {
    return envName + " (environment) cannot set " + family.pattern() + ": " + family.variableName()
        + " names cannot be spelled in environment variable names; set it in the config file or with -D"
        + family.pattern() + "=... instead. Ignored.";
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
