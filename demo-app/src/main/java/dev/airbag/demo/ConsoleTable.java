package dev.airbag.demo;

import java.util.List;

/** One scenario's side-by-side table for the terminal, with an error message an underwriter saw under it. */
final class ConsoleTable {
  private static final int LABEL = 36;
  private static final int CELL = 22;

  private ConsoleTable() {}

  static String render(ScenarioResult result, int index, int total) {
    StringBuilder out = new StringBuilder();
    DemoScenario scenario = result.scenario();
    out.append(String.format("%n[%d/%d] %s: %s%n", index, total, scenario.title(), scenario.description()));
    out.append(pad("", LABEL));
    for (Way way : Way.values()) {
      out.append(padLeft(way.title(), CELL));
    }
    out.append('\n');
    String[][] cells = new String[Way.values().length][];
    for (Way way : Way.values()) {
      cells[way.ordinal()] = Formats.cells(result.stats(way), way.agent());
    }
    for (int row = 0; row < Formats.ROWS.length; row++) {
      out.append(pad("  " + Formats.ROWS[row], LABEL));
      for (Way way : Way.values()) {
        out.append(padLeft(cells[way.ordinal()][row], CELL));
      }
      out.append('\n');
    }
    List<String> alerts = result.runs().get(Way.AIRBAG).alerts();
    if (!alerts.isEmpty()) {
      out.append(String.format("  alerts Airbag fired: %s%n", String.join(", ", alerts)));
    }
    for (Way way : Way.values()) {
      String example = result.stats(way).exampleError();
      if (example != null) {
        out.append(String.format("  an underwriter saw (%s): %s%n", way.title(), Formats.shorten(example, 90)));
      }
    }
    return out.toString();
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }

  private static String padLeft(String text, int width) {
    return text.length() >= width ? " " + text : " ".repeat(width - text.length()) + text;
  }
}
