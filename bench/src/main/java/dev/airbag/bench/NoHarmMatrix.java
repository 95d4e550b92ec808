package dev.airbag.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The cells of the no-harm matrix: every combination, or the handful {@code --quick} runs. Stateless. */
final class NoHarmMatrix {
  static final List<String> CLIENTS = List.of("openai-java", "anthropic-java", "langchain4j");
  static final List<String> LOADS = List.of("closed", "open");

  private NoHarmMatrix() {
  }

  /** Every SDK x load x fault pattern x (no fallback, fallback): the matrix. */
  static List<NoHarmCell> full() {
    List<NoHarmCell> cells = new ArrayList<>();
    for (FaultPattern pattern : FaultPattern.ALL) {
      for (boolean fallback : new boolean[] {false, true}) {
        for (String load : LOADS) {
          for (String client : CLIENTS) {
            cells.add(new NoHarmCell(client, load, pattern, fallback));
          }
        }
      }
    }
    return cells;
  }

  /** The issue's own measurements and one cell of each other kind, in a few minutes. */
  static List<NoHarmCell> quick() {
    return List.of(
        cell("anthropic-java", "closed", "random-33-hint", false),
        cell("anthropic-java", "closed", "burst-60-requests", false),
        cell("anthropic-java", "closed", "outage-total", false),
        cell("anthropic-java", "closed", "random-33-hint", true),
        cell("openai-java", "open", "random-33", false),
        cell("openai-java", "open", "burst-2s", false),
        cell("langchain4j", "closed", "outage-total", false));
  }

  /** The cells whose id matches {@code regex} somewhere ({@code --no-harm-cells}); all when it is null. */
  static List<NoHarmCell> filter(List<NoHarmCell> cells, String regex) {
    if (regex == null) {
      return cells;
    }
    Pattern pattern = Pattern.compile(regex);
    return cells.stream().filter(c -> pattern.matcher(c.id()).find()).toList();
  }

  private static NoHarmCell cell(String client, String load, String pattern, boolean fallback) {
    return new NoHarmCell(client, load, FaultPattern.named(pattern), fallback);
  }
}
