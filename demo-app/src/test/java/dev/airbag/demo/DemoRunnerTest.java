package dev.airbag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the demo driver end to end on a tiny workload: three child JVMs per scenario, the real agent jar. */
class DemoRunnerTest {
  private static final int CALLS = 12;
  private static DemoRunner.DemoReport report;
  private static String printed;

  @BeforeAll
  static void runTheDemoOnATinyWorkload() throws Exception {
    Path agent = Paths.get(System.getProperty("airbag.agent.jar", "../agent/target/airbag-agent.jar"));
    assertTrue(Files.isRegularFile(agent), "the agent jar is built before the demo app: " + agent);
    DemoOptions options = new DemoOptions(CALLS, Duration.ofMillis(100), List.of("tuesday", "outage", "retired"),
        agent, Paths.get(System.getProperty("airbag.demo.config", "airbag-demo.properties")),
        System.getProperty("java.class.path"), Paths.get("target", "demo-test-output"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report = DemoRunner.run(options, new PrintStream(out, true, StandardCharsets.UTF_8));
    printed = out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyWayOfEveryScenarioRunsTheWholeQueueAndExitsCleanly() {
    assertEquals(3, report.results().size());
    for (ScenarioResult result : report.results()) {
      for (Way way : Way.values()) {
        RunData run = result.runs().get(way);
        assertEquals(0, run.exitCode(), result.scenario().name() + " " + way);
        assertEquals(CALLS, run.calls().size(), result.scenario().name() + " " + way);
        assertTrue(result.stats(way).upstreamPerCall() >= 1 || way == Way.RESILIENCE4J,
            "every call reaches the provider at least once unless a breaker is open");
        assertTrue(result.stats(way).p50Ms() <= result.stats(way).p99Ms());
      }
    }
  }

  @Test
  void theAgentRescuesCallsToARetiredModelThroughTheFallbackChain() {
    ScenarioResult retired = scenario("retired");
    assertEquals(100.0, retired.stats(Way.AIRBAG).successRate());
    assertTrue(retired.stats(Way.PLAIN).successRate() < retired.stats(Way.AIRBAG).successRate());
    assertTrue(retired.stats(Way.AIRBAG).fallbackServed() > 0);
    assertEquals(0, retired.stats(Way.PLAIN).fallbackServed());
    assertEquals(0, retired.stats(Way.RESILIENCE4J).fallbackServed());
  }

  @Test
  void theAgentKeepsEveryCallServedThroughAnOutageOfThePrimaryModel() {
    ScenarioResult outage = scenario("outage");
    assertEquals(100.0, outage.stats(Way.AIRBAG).successRate());
    assertTrue(outage.stats(Way.AIRBAG).successRate() >= outage.stats(Way.PLAIN).successRate());
  }

  @Test
  void onlyTheAgentProducesEventsAndTheyMatchTheFailuresItSaw() {
    ScenarioResult tuesday = scenario("tuesday");
    assertTrue(tuesday.stats(Way.AIRBAG).events() > 0, "1 in 5 requests failed, so some calls were recovered");
    assertEquals(0, tuesday.stats(Way.PLAIN).events());
    assertTrue(tuesday.runs().get(Way.PLAIN).upstream().size() > CALLS, "the 529s were retried by the SDK");
  }

  @Test
  void theTablesArePrintedSideBySideForEveryScenario() {
    for (String heading : List.of("Tuesday afternoon", "Outage of the primary model", "Retired model")) {
      assertTrue(printed.contains(heading), heading);
    }
    for (String row : Formats.ROWS) {
      assertTrue(report.tables().contains(row), row);
    }
    assertTrue(printed.contains(Way.PLAIN.title()) && printed.contains(Way.RESILIENCE4J.title()));
  }

  @Test
  void theHtmlReportIsOneFileWithChartJsInlinedAndFourChartsPerScenario() throws Exception {
    String html = Files.readString(report.html());
    assertTrue(html.contains("Chart.js v" + ChartJs.version()), "the library is inlined");
    assertFalse(html.contains("<script src"), "nothing is fetched when the report opens");
    assertFalse(html.contains("sourceMappingURL"));
    for (String name : List.of("tuesday", "outage", "retired")) {
      for (String chart : List.of("success", "latency", "circuits", "upstream")) {
        assertTrue(html.contains("id=\"" + name + "-" + chart + "\""), name + "-" + chart);
      }
    }
    assertTrue(html.contains("\"circuits\":[{\"model\":\"claude-sonnet-4-5\""), "the outage opened a circuit");
    for (ScenarioResult result : report.results()) {
      assertTrue(html.contains("<p class=\"shows\">" + HtmlReport.escape(result.scenario().shows()) + "</p>"),
          "what " + result.scenario().name() + " shows is said under its heading");
    }
  }

  private static ScenarioResult scenario(String name) {
    return report.results().stream().filter(r -> r.scenario().name().equals(name)).findFirst().orElseThrow();
  }
}
