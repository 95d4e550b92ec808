package dev.airbag.agent.telemetry.metrics;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a dashboard reads from the real {@code /metrics} endpoint: help text, latency buckets, the service. */
class DashboardMetricsTest {
  private static final Pattern BUCKET = Pattern.compile("^airbag_llm_calls_seconds_bucket\\{.*le=\"([^\"]+)\"");

  private final FakeClock clock = new FakeClock();
  private final int port = Http.freePort();
  private final AgentMetrics metrics = TestMetrics.start(clock, "airbag.metrics.prometheus.port", port,
      "airbag.alerts.enabled", "false");
  private String scrape;

  @BeforeEach
  void recordOneOfEveryMetricAndScrape() throws Exception {
    scrape = OneOfEachMetric.recordAndScrape(metrics, clock);
  }

  private String bucket(String bound) {
    return scrape.lines().filter(line -> line.startsWith("airbag_llm_calls_seconds_bucket{")
        && line.contains("model=\"gpt-4o\"") && line.contains("le=\"" + bound + "\""))
        .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("no bucket " + bound);
  }

  @AfterEach
  void stop() {
    metrics.close();
  }

  @Test
  void everyMetricHasItsHelpTextAndNoHelpLineIsEmpty() {
    for (MetricNames.Metric metric : MetricNames.ALL) {
      String prefix = "# HELP " + metric.name().replace('.', '_');
      assertTrue(scrape.lines().anyMatch(line -> line.startsWith(prefix) && line.endsWith(" " + metric.help())),
          () -> metric.name() + " has no help line in\n" + scrape);
    }
    assertFalse(scrape.lines().anyMatch(line -> line.matches("# HELP \\S+\\s*")), scrape);
  }

  @Test
  void callLatencyIsAHistogramWithBucketsFromTenMillisecondsToTwoMinutes() {
    List<String> bounds = scrape.lines().filter(line -> line.contains("model=\"gpt-4o\"")).map(BUCKET::matcher)
        .filter(Matcher::find).map(m -> m.group(1))
        .collect(Collectors.toList());

    assertEquals(List.of("0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "20.0",
        "30.0", "60.0", "120.0", "+Inf"), bounds, scrape);
    assertEquals("0", bucket("0.25"), "300 ms is above the 250 ms bound");
    assertEquals("1", bucket("0.5"), "and within the 500 ms one");
  }

  @Test
  void everySeriesCarriesTheServiceName() {
    List<String> series = scrape.lines().filter(line -> line.startsWith("airbag_")).collect(Collectors.toList());

    assertTrue(series.size() > 20, scrape);
    for (String line : series) {
      assertTrue(line.contains("service=\"checkout\""), line);
    }
  }
}
