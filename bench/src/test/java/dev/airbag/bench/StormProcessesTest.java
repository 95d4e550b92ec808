package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processes part of the storm judges each Airbag variant on its runs' pooled counts against the SDK alone's, and
 * writes up every run with the range over the runs.
 */
class StormProcessesTest {
  private static final StormProcessStorm REJECT = StormProcessStorm.REJECT;

  private static StormProcessRun run(StormProcessVariant variant, int ok, int requests) {
    int[] perSecond = new int[REJECT.seconds() + REJECT.drainSeconds() + 1];
    Arrays.fill(perSecond, 0, REJECT.seconds(), 14);
    return new StormProcessRun(REJECT, variant, perSecond, new int[perSecond.length], perSecond, 280, ok, requests,
        30, 0, "1.00 1.50 1.70");
  }

  @Test
  void anAirbagVariantThatAnswersAsMuchWithNoMoreRequestsMeetsItsTarget() {
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 265, 330),
        run(StormProcessVariant.FLEET, 262, 320)));

    List<Figure> figures = StormProcessVerdicts.figures(results);

    assertEquals(2, figures.size(), "one figure per Airbag variant");
    assertTrue(figures.get(0).met(), "0.4 points fewer answers and the same requests");
    assertFalse(figures.get(1).met(), "1.4 points fewer answers");
  }

  @Test
  void requestsWithinTheMatrixsTimedSlackOfThePooledRunsPass() {
    // 990 requests alone over three runs: a slack of 30 (3%)
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 266, 342),
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 266, 335),
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 266, 330)));

    assertTrue(StormProcessVerdicts.figures(results).get(0).met(), "17 more of 990, one run 12 more of 330");
    assertTrue(StormProcessVerdicts.verdict(results, REJECT, StormProcessVariant.AIRBAG).startsWith("PASS (+0.0 points "
        + "answered, +17 requests, slack 30)"), StormProcessVerdicts.verdict(results, REJECT, StormProcessVariant.AIRBAG));
  }

  @Test
  void moreRequestsThanTheSlackMissesTheTarget() {
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 266, 341)));

    assertFalse(StormProcessVerdicts.figures(results).get(0).met(), "11 more of 330, slack 10");
  }

  @Test
  void fewerRequestsAndMoreAnswersThanTheSlackAreBetter() {
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 100, 600), run(StormProcessVariant.FLEET, 220, 300)));

    assertTrue(StormProcessVerdicts.verdict(results, REJECT, StormProcessVariant.FLEET).startsWith("BETTER"));
  }

  @Test
  void theSummaryGivesEachCountsRangeOverTheRuns() {
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.SDK, 260, 342)));

    String summary = StormProcessVerdicts.summary(results, REJECT, StormProcessVariant.SDK);

    assertTrue(summary.startsWith("2 runs: answered 92.9% to 95.0%, provider requests 330 to 342, 1.18 to 1.22 per "
        + "call"), summary);
    assertTrue(summary.contains("pooled 526 of 560 calls answered (93.9%), 672 requests"), summary);
  }

  @Test
  void aRunRecoversAtTheFirstSecondFromWhichEveryCallIsAnswered() {
    int[] answered = new int[REJECT.seconds() + REJECT.drainSeconds() + 1];
    int[] failed = new int[answered.length];
    Arrays.fill(answered, 0, REJECT.seconds(), 14);
    failed[REJECT.dropToS() + 2] = 3;
    StormProcessRun late = new StormProcessRun(REJECT, StormProcessVariant.SDK, answered, failed, answered, 280, 277,
        330, 0, 0, "");
    int[] stillFailing = failed.clone();
    // calls still failing in the drain, then nothing more ended: seconds with nothing ended do not count
    stillFailing[REJECT.seconds() + 2] = 14;
    StormProcessRun never = new StormProcessRun(REJECT, StormProcessVariant.SDK, answered, stillFailing, answered, 280,
        263, 330, 0, 0, "");

    assertEquals(3, late.recoverySeconds());
    assertFalse(late.neverRecovered());
    assertTrue(never.neverRecovered());
    assertTrue(StormProcessVerdicts.summary(new StormProcesses.Results(List.of(late, never)), REJECT,
        StormProcessVariant.SDK).contains("recovery 3 s to never"));
  }

  @Test
  void theWriteUpHasEveryRunTheSecondsAndTheChart() {
    StormProcesses.Results results = new StormProcesses.Results(List.of(
        run(StormProcessVariant.SDK, 266, 330), run(StormProcessVariant.AIRBAG, 265, 330)));

    String markdown = StormProcessesChart.markdown(results, REJECT);
    String svg = StormProcessesChart.svg(results, REJECT);

    assertTrue(markdown.contains("| the SDK alone | 1 | 95.0% | 330 | 1.18 | 0 s | 30 | 0 | 266 of 280 answered, 330 "
        + "requests |"), markdown);
    assertTrue(markdown.contains("PASS (-0.4 points answered, +0 requests, slack 10)"), markdown);
    assertTrue(markdown.contains("| 7 (drop) | 14 / 14 | 14 / 14 |"), markdown);
    assertTrue(markdown.contains("![fleet storm reject, processes](storm-processes.svg)"), markdown);
    assertEquals(4, svg.split("<polyline", -1).length - 1, "two series in each of two panels");
  }
}
