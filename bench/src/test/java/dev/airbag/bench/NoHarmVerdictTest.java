package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoHarmVerdictTest {
  private static final NoHarmCell EXACT = cell("random-33", false);
  private static final NoHarmCell TIMED = cell("burst-2s", false);

  private static NoHarmCell cell(String pattern, boolean fallback) {
    return new NoHarmCell("anthropic-java", "closed", FaultPattern.named(pattern), fallback);
  }

  private static NoHarmVerdict.Side side(int ok, int requests) {
    return new NoHarmVerdict.Side(100, ok, requests, 10, 100);
  }

  @Test
  void repeatedRunsArePooledSoThatACellIsJudgedOnAllItsCalls() {
    NoHarmVerdict.Side pooled = side(80, 150).plus(new NoHarmVerdict.Side(300, 297, 310, 30, 200));

    assertEquals(400, pooled.calls());
    assertEquals(377, pooled.ok());
    assertEquals(460, pooled.requests());
    assertEquals(25.0, pooled.p50Ms(), 1e-9, "averaged over the calls");
    assertEquals(94.25, pooled.successPercent(), 1e-9);
    assertEquals("FAIL", NoHarmVerdict.judge(TIMED, side(95, 150), side(85, 150)).verdict(), "one run alone");
    assertEquals("PASS", NoHarmVerdict.judge(TIMED, side(95, 150).plus(side(90, 150)),
        side(85, 150).plus(side(100, 150))).verdict(), "the pair pooled");
  }

  @Test
  void theSameSuccessAndRequestsAsTheSdkAlonePasses() {
    assertEquals("PASS", NoHarmVerdict.judge(EXACT, side(97, 144), side(97, 144)).verdict());
  }

  @Test
  void oneRequestMoreFailsAnExactCellWhateverItBought() {
    assertEquals("FAIL", NoHarmVerdict.judge(EXACT, side(97, 144), side(100, 145)).verdict());
  }

  @Test
  void losingMoreThanOnePointOfSuccessFails() {
    assertFalse(NoHarmVerdict.judge(EXACT, side(97, 144), side(96, 144)).failed());
    assertEquals("FAIL", NoHarmVerdict.judge(EXACT, side(97, 144), side(95, 100)).verdict());
  }

  @Test
  void aTimedCellAllowsThreePercentOfRequestsAndAtLeastTwo() {
    assertEquals(5, NoHarmVerdict.judge(TIMED, side(90, 150), side(90, 155)).requestSlack());
    assertEquals("PASS", NoHarmVerdict.judge(TIMED, side(90, 150), side(90, 155)).verdict());
    assertEquals("FAIL", NoHarmVerdict.judge(TIMED, side(90, 150), side(90, 156)).verdict());
    assertEquals(2, NoHarmVerdict.judge(TIMED, side(90, 10), side(90, 10)).requestSlack());
  }

  @Test
  void moreSuccessOrFewerRequestsIsBetter() {
    assertEquals("BETTER", NoHarmVerdict.judge(EXACT, side(90, 150), side(100, 150)).verdict());
    assertEquals("BETTER", NoHarmVerdict.judge(EXACT, side(0, 300), side(0, 12)).verdict());
  }

  @Test
  void aFullOutageWithoutFallbackMustCutRequestsToATenth() {
    NoHarmCell outage = cell("outage-total", false);

    assertTrue(NoHarmVerdict.judge(outage, side(0, 120), side(0, 12)).targetMet());
    assertFalse(NoHarmVerdict.judge(outage, side(0, 120), side(0, 13)).targetMet());
    assertNull(NoHarmVerdict.judge(EXACT, side(0, 120), side(0, 13)).targetMet());
  }

  @Test
  void aHealthyFallbackMustServeEveryCall() {
    NoHarmCell fallback = cell("random-33", true);

    assertTrue(NoHarmVerdict.judge(fallback, side(97, 144), side(100, 140)).targetMet());
    assertFalse(NoHarmVerdict.judge(fallback, side(97, 144), side(99, 140)).targetMet());
  }

  @Test
  void theReportAndChartNameEveryCell() {
    NoHarmResults results = new NoHarmResults(List.of(new NoHarmResults.Row(EXACT, side(97, 144), side(33, 51),
        NoHarmVerdict.judge(EXACT, side(97, 144), side(33, 51)))), 12, 40, 20, 8);

    assertTrue(NoHarmMarkdown.render(results, "no-harm.svg").contains("| anthropic-java | closed | random-33 | none |"));
    assertTrue(NoHarmChart.svg(results).contains(">anthropic-java/closed/random-33/none</text>"));
    assertTrue(NoHarmChart.svg(results).endsWith("</svg>\n"));
  }

  @Test
  void theFullMatrixCrossesEveryClientLoadPatternAndFallback() {
    assertEquals(3 * 2 * FaultPattern.ALL.size() * 2, NoHarmMatrix.full().size());
    assertEquals(NoHarmMatrix.full().size(), NoHarmMatrix.full().stream().map(NoHarmCell::id).distinct().count());
  }
}
