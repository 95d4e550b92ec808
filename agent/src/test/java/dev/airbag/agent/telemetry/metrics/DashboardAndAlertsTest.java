package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.telemetry.events.JsonTestParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The Grafana dashboard and the Prometheus alert rules shipped in {@code docs/}, against a real Prometheus (see
 * {@link PrometheusServer}): promtool accepts the rules, Prometheus loads and evaluates every one, and after a
 * {@link BadRun} every panel's query and every rule's expression finds data. A misspelt metric, label or label
 * value in either file makes a query come back empty and the test fail. Skipped without a Prometheus binary,
 * except on CI.
 */
class DashboardAndAlertsTest {
  private static final Path DOCS = Paths.get(System.getProperty("user.dir")).resolve("../docs");
  private static final Path DASHBOARD = DOCS.resolve("grafana/airbag-dashboard.json");
  private static final Path RULES = DOCS.resolve("prometheus/airbag-alerts.yml");
  private static final Pattern ALERT = Pattern.compile("(?m)^\\s*- alert:\\s*(\\S+)\\s*$");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");
  private static final String SERVICE = "checkout";
  /** What Grafana puts for its variables; 1m holds every scrape of the run, which lasts seconds. */
  private static final Map<String, String> VARIABLES = Map.of("$__rate_interval", "1m", "${service}", SERVICE,
      "$service", SERVICE);

  private final FakeClock clock = new FakeClock();

  @Test
  void promtoolAcceptsEveryAlertRule() throws Exception {
    Path promtool = PrometheusServer.locateOrSkip().resolveSibling("promtool");
    Assumptions.assumeTrue(Files.isExecutable(promtool), "no promtool next to prometheus");
    Process check = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString())
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool hangs");
    assertEquals(0, check.exitValue(), output);
    assertTrue(output.contains("SUCCESS: " + alertNames().size() + " rules found"), output);
  }

  @Test
  void everyPanelAndAlertRuleFindsDataInARealPrometheusAfterABadRun() throws Exception {
    Path binary = PrometheusServer.locateOrSkip();
    Map<String, String> panels = panelQueries();
    int port = Http.freePort();
    long start = System.nanoTime();
    try (AgentMetrics metrics = TestMetrics.start(clock, "airbag.metrics.prometheus.port", port,
            "airbag.alerts.enabled", "false");
        PrometheusServer prometheus = PrometheusServer.start(binary, "127.0.0.1:" + port, RULES)) {
      BadRun run = new BadRun(metrics, clock);
      // Two scraped rounds: the first makes every series, the second gives every rate two different samples.
      for (int round = 1; round <= 2; round++) {
        run.round();
        String calls = "sum(airbag_llm_calls_seconds_count{service=\"" + SERVICE + "\"})";
        String expected = Integer.toString(round * BadRun.CALLS_PER_ROUND);
        assertEquals(expected, prometheus.awaitValue(calls, expected, Duration.ofSeconds(60)), prometheus.log());
      }
      List<Map<String, Object>> rules = awaitEvaluated(prometheus, Duration.ofSeconds(30));

      List<Executable> checks = new ArrayList<>();
      assertEquals(alertNames(), rules.stream().map(r -> r.get("name")).collect(Collectors.toList()),
          "the rules Prometheus loaded");
      for (Map<String, Object> rule : rules) {
        checks.add(() -> assertEquals("ok", rule.get("health"), () -> rule.get("name") + ": " + rule.get("lastError")));
        checks.add(() -> assertFalse("inactive".equals(rule.get("state")), rule.get("name") + " never matched"));
        checks.add(() -> assertFindsData(prometheus, "rule " + rule.get("name"), (String) rule.get("query")));
      }
      panels.forEach((panel, expr) -> checks.add(() -> assertFindsData(prometheus, panel, expr)));
      assertAll(checks);
    }
    System.out.printf("[dashboard] %d panel queries and %d rules checked in %d s%n", panels.size(),
        alertNames().size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
  }

  private static void assertFindsData(PrometheusServer prometheus, String what, String expr) throws Exception {
    String value = prometheus.query(expr);
    assertTrue(value != null && !"NaN".equals(value), () -> what + " found " + value + " for " + expr);
  }

  /** Polls until Prometheus has evaluated every rule since the run; returns them in the file's order. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> awaitEvaluated(PrometheusServer prometheus, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Map<String, Object>> rules = new ArrayList<>();
      Map<String, Object> data = (Map<String, Object>) parse(prometheus.get("/api/v1/rules")).get("data");
      for (Object group : (List<Object>) data.get("groups")) {
        for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
          rules.add((Map<String, Object>) rule);
        }
      }
      boolean settled = !rules.isEmpty() && rules.stream().noneMatch(r -> "inactive".equals(r.get("state")));
      if (settled || System.nanoTime() > deadline) {
        return rules;
      }
      // Real time on purpose: Prometheus evaluates on its own one-second clock.
      Thread.sleep(500);
    }
  }

  /**
   * Every target's expression of every panel (rows' nested panels included), keyed by panel title and refId, with
   * Grafana's variables replaced; plus the query of each {@code label_values} variable.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> panelQueries() throws IOException {
    String json = Files.readString(DASHBOARD, StandardCharsets.UTF_8);
    Map<String, Object> dashboard = parse(json);
    Map<String, String> queries = new LinkedHashMap<>();
    List<Object> panels = new ArrayList<>((List<Object>) dashboard.get("panels"));
    for (int i = 0; i < panels.size(); i++) {
      Map<String, Object> panel = (Map<String, Object>) panels.get(i);
      if ("row".equals(panel.get("type"))) {
        panels.addAll((List<Object>) panel.getOrDefault("panels", List.of()));
        continue;
      }
      List<Object> targets = (List<Object>) panel.getOrDefault("targets", List.of());
      assertFalse(targets.isEmpty(), panel.get("title") + " has no query");
      // A fixed datasource uid would break the import everywhere but on the machine it was exported from.
      assertEquals("${datasource}", ((Map<String, Object>) panel.get("datasource")).get("uid"), panel.get("title")
          + " must read the dashboard's datasource variable");
      for (Object target : targets) {
        Map<String, Object> t = (Map<String, Object>) target;
        queries.put("panel " + panel.get("title") + " [" + t.get("refId") + "]", substitute((String) t.get("expr")));
      }
    }
    Matcher variable = LABEL_VALUES.matcher(json);
    while (variable.find()) {
      queries.put("variable " + variable.group(), "count by (" + variable.group(2) + ") (" + variable.group(1) + ")");
    }
    assertTrue(queries.size() > 20, "expected the dashboard's 20-odd panels: " + queries.keySet());
    return queries;
  }

  private static String substitute(String expr) {
    String result = expr;
    for (Map.Entry<String, String> v : VARIABLES.entrySet().stream()
        .sorted((a, b) -> b.getKey().length() - a.getKey().length()).collect(Collectors.toList())) {
      result = result.replace(v.getKey(), v.getValue());
    }
    assertFalse(result.contains("$"), () -> "a Grafana variable the test does not know in " + expr);
    return result;
  }

  private static List<String> alertNames() throws IOException {
    Matcher m = ALERT.matcher(Files.readString(RULES, StandardCharsets.UTF_8));
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Map<String, Object> parse(String json) {
    return JsonTestParser.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }
}
