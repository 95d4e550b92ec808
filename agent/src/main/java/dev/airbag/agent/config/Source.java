package dev.airbag.agent.config;

/** Where a raw value came from, as problem lines and {@link AirbagConfig#describe()} name it. Immutable. */
final class Source {
  static final Source DEFAULT = new Source("default");
  static final Source SYSTEM_PROPERTY = new Source("system property");
  static final Source ENVIRONMENT = new Source("environment");

  private final String label;

  private Source(String label) {
    this.label = label;
  }

  static Source file(String path) {
    return new Source("file " + path);
  }

  /** One environment variable, named so that the user can find it ({@code environment AIRBAG_X}). */
  static Source environment(String envName) {
    return new Source("environment " + envName);
  }

  /** True for environment values, which are never ${VAR}-expanded: the shell has already done that. */
  boolean isEnvironment() {
    return label.startsWith("environment");
  }

  @Override
  public String toString() {
    return label;
  }
}
