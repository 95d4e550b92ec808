package dev.airbag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.faultserver.FaultServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WayStatsTest {
  private static RunData.Call ok(double millis, String served, String text) {
    return new RunData.Call(1, "claude-sonnet-4-5", false, 0, millis, true, served, text, null);
  }

  private static RunData.Call failed(double millis, String error) {
    return new RunData.Call(2, "claude-sonnet-4-5", false, 0, millis, false, null, null, error);
  }

  @Test
  void countsFallbacksCutShortAnswersAndRawErrorsFromWhatTheAppGot() {
    String sonnet = FaultServer.completionText("claude-sonnet-4-5");
    String haiku = FaultServer.completionText("claude-haiku-4-5");
    RunData run = new RunData(Way.AIRBAG, List.of(ok(10, "claude-sonnet-4-5", sonnet),
        ok(20, "claude-haiku-4-5", haiku), ok(30, "claude-sonnet-4-5", sonnet.substring(0, 12)),
        failed(40, "NotFoundException: 404")), List.of(),
        List.of(new RunData.Upstream(0, "a"), new RunData.Upstream(1, "a"), new RunData.Upstream(2, "b"),
            new RunData.Upstream(3, "b"), new RunData.Upstream(4, "b"), new RunData.Upstream(5, "b")),
        Map.of("llm_call", 3, "circuit", 1), List.of("fallbacks"), 0);

    WayStats stats = WayStats.of(run);

    assertEquals(75.0, stats.successRate());
    assertEquals(1, stats.rawErrors());
    assertEquals(1, stats.truncated());
    assertEquals(1, stats.fallbackServed());
    assertEquals(1.5, stats.upstreamPerCall());
    assertEquals(4, stats.events());
    assertEquals(1, stats.alerts());
    assertEquals("NotFoundException: 404", stats.exampleError());
  }

  @Test
  void percentilesAreNearestRank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, WayStats.percentile(sorted, 50));
    assertEquals(10, WayStats.percentile(sorted, 99));
    assertEquals(0, WayStats.percentile(new double[0], 50));
  }
}
