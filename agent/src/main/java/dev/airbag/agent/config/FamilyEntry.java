package dev.airbag.agent.config;

/** One family member a source set, like {@code airbag.endpoint.local.url}; the setting is null when rejected. */
final class FamilyEntry {
  final KeyFamily<?> family;
  final String variable;
  final Source source;
  final Setting setting;

  FamilyEntry(KeyFamily<?> family, String variable, Source source, Setting setting) {
    this.family = family;
    this.variable = variable;
    this.source = source;
    this.setting = setting;
  }

  String name() {
    return family.keyFor(variable);
  }
}
