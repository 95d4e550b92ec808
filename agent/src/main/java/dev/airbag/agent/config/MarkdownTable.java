package dev.airbag.agent.config;

import java.util.List;

/** Renders the key table as the README's Markdown rows. Stateless. */
final class MarkdownTable {
  private MarkdownTable() {}

  static String render(List<ConfigKey<?>> keys, List<KeyFamily<?>> families) {
    StringBuilder out = new StringBuilder();
    out.append("| key | default | allowed | description |\n");
    out.append("|---|---|---|---|\n");
    for (ConfigKey<?> key : keys) {
      row(out, code(key.name()), key.defaultText(), key.allowed(),
          key.description() + " Environment: " + code(key.envName()) + ".");
    }
    for (KeyFamily<?> family : families) {
      String env = family.envPattern() == null
          ? " Set in the file or with -D only."
          : " Environment: " + code(family.envPattern()) + ".";
      String defaultText = family.defaultText().isEmpty() ? "—" : family.defaultText();
      row(out, code(family.pattern()), defaultText, family.allowed(), family.description() + env);
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String... cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(escape(cell)).append(" |");
    }
    out.append('\n');
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  // A pipe inside a cell would end the cell.
  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }
}
