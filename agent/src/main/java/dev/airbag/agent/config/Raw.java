package dev.airbag.agent.config;

/** A value as one source wrote it, before {@code ${VAR}} expansion and parsing. Immutable. */
final class Raw {
  final String text;
  final Source source;

  Raw(String text, Source source) {
    this.text = text;
    this.source = source;
  }
}
