package dev.airbag.agent.config;

/** One effective value and where it came from; the value may be null (off). Immutable. */
final class Setting {
  final Object value;
  final String shown;
  final Source source;

  /** @param shown the value as {@link AirbagConfig#describe()} prints it, already masked if secret */
  Setting(Object value, String shown, Source source) {
    this.value = value;
    this.shown = shown;
    this.source = source;
  }
}
