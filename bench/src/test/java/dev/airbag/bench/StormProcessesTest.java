package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The processes part of the storm judges each Airbag variant against the SDK alone and writes up every run. */
class StormProcessesTest {
  private static StormProcessRun run(StormProcessVariant variant, int ok, int requests) {
    int[] perSecond = new int[StormProcesses.SECONDS + StormProcesses.DRAIN_SECONDS + 1];
    Arrays.fill(perSecond, 0, StormProcesses.SECONDS, 14);
    return new StormProcessRun(variant, perSecond, new int[perSecond.length], perSecond, 280, ok, requests, 30,
        "1.00 1.50 1.70");
  }

  @Test
  void anAirbagVariantThatAnswersAsMuchWithNoMoreRequestsMeetsItsTarget() {
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 265, 330),
        run(StormProcessVariant.FLEET, 262, 320)));

    List<Figure> figures = StormProcesses.figures(results);

    assertEquals(2, figures.size(), "one figure per Airbag variant");
    assertTrue(figures.get(0).met(), "0.4 points fewer answers and the same requests");
    assertFalse(figures.get(1).met(), "1.4 points fewer answers");
  }

  @Test
  void moreRequestsPerCallThanTheSdkAloneMissesTheTarget() {
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 266, 331)));

    assertFalse(StormProcesses.figures(results).get(0).met());
  }

  @Test
  void theWriteUpHasTheTotalsTheSecondsAndTheChart() {
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 265, 330)));

    String markdown = StormProcessesChart.markdown(results, "storm-processes.svg");
    String svg = StormProcessesChart.svg(results);

    assertTrue(markdown.contains("| the SDK alone | 1 | 95.00% | 1.18 | 30 |"), markdown);
    assertTrue(markdown.contains("| 7 (half) | 14 / 14 | 14 / 14 |"), markdown);
    assertTrue(markdown.contains("![fleet storm, processes](storm-processes.svg)"), markdown);
    assertEquals(4, svg.split("<polyline", -1).length - 1, "two series in each of two panels");
  }
}
