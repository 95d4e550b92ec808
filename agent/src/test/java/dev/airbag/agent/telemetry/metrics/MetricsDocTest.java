package dev.airbag.agent.telemetry.metrics;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md: its tables are generated from {@link MetricNames} (between the two markers; the prose around
 * them is written by hand), and every series its PromQL examples name is one the real scrape endpoint serves.
 * When a metric changes, {@code mvn -pl agent test -Dtest=MetricsDocTest -Dairbag.docs.write=true} rewrites the
 * tables.
 */
class MetricsDocTest {
  static final String BEGIN = "<!-- generated from MetricNames by MetricsDocTest: edit the code, not this part -->\n";
  static final String END = "<!-- end of the generated part -->\n";
  private static final Pattern SERIES = Pattern.compile("\\bairbag_[a-z_]+");
  private static final Path DOC = Paths.get(System.getProperty("user.dir")).resolve("../docs/metrics.md");

  @Test
  void theTablesAreTheOnesGeneratedFromMetricNames() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN) + BEGIN.length();
    int end = doc.indexOf(END);
    assertTrue(begin >= BEGIN.length() && end >= begin, "docs/metrics.md has lost its markers");
    if (Boolean.getBoolean("airbag.docs.write")) {
      doc = doc.substring(0, begin) + generated() + doc.substring(end);
      Files.writeString(DOC, doc, StandardCharsets.UTF_8);
      end = begin + generated().length();
    }
    assertEquals(generated(), doc.substring(begin, end),
        "docs/metrics.md is out of date: run mvn -pl agent test -Dtest=MetricsDocTest -Dairbag.docs.write=true");
  }

  @Test
  void everySeriesTheDocNamesIsServedByTheRealScrapeEndpoint() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    TreeSet<String> named = new TreeSet<>();
    Matcher m = SERIES.matcher(doc);
    while (m.find()) {
      named.add(m.group());
    }
    String scrape;
    FakeClock clock = new FakeClock();
    try (AgentMetrics metrics = TestMetrics.start(clock, "airbag.metrics.prometheus.port", Http.freePort(),
        "airbag.alerts.enabled", "false")) {
      scrape = OneOfEachMetric.recordAndScrape(metrics, clock);
    }
    TreeSet<String> served = scrape.lines().filter(line -> line.startsWith("airbag_"))
        .map(line -> line.substring(0, line.indexOf('{'))).collect(Collectors.toCollection(TreeSet::new));
    List<String> suffixed = new ArrayList<>();
    // A histogram's base name appears in the doc, its _bucket, _count and _sum series in the scrape.
    for (String name : named) {
      if (!served.contains(name) && !served.contains(name + "_count")) {
        suffixed.add(name);
      }
    }
    assertEquals(List.of(), suffixed, "named in docs/metrics.md but not served: " + suffixed + "; served: " + served);
  }

  /** The metric table, the label values and the latency buckets, as docs/metrics.md shows them. */
  static String generated() {
    StringBuilder md = new StringBuilder();
    md.append("| metric, as Prometheus shows it | type | labels | what it measures |\n|---|---|---|---|\n");
    for (MetricNames.Metric metric : MetricNames.ALL) {
      List<String> labels = new ArrayList<>(metric.tags());
      labels.add(MetricNames.TAG_SERVICE);
      md.append("| ").append(prometheusName(metric)).append(" | ").append(type(metric)).append(" | ")
          .append(labels.stream().map(l -> "`" + l + "`").collect(Collectors.joining(", "))).append(" | ")
          .append(metric.help()).append(" |\n");
    }
    md.append("\n| label | values |\n|---|---|\n");
    row(md, "`outcome`", Arrays.stream(Outcome.values()).map(Outcome::wireName), "");
    row(md, "`category` of `airbag_llm_attempts_total`", Stream.concat(Stream.of(MetricNames.NONE),
        Arrays.stream(Category.values()).map(Category::wireName)), " (`none`: the attempt succeeded)");
    row(md, "`from`, `to` of `airbag_circuit_transitions_total`",
        Arrays.stream(CircuitState.values()).map(CircuitState::wireName), "");
    row(md, "`severity` of `airbag_exceptions_total`", Stream.concat(
        Arrays.stream(Severity.values()).map(Severity::wireName), Stream.of(MetricNames.UNKNOWN)), "");
    row(md, "`result` of `airbag_export_events_total`",
        Arrays.stream(ExportResult.values()).map(ExportResult::wireName), "");
    md.append("| `model`; `from`, `to` of `airbag_llm_fallbacks_total` | the model name; `").append(MetricNames.UNKNOWN)
        .append("` when the request named none; `").append(MetricNames.OTHER)
        .append("` past `airbag.metrics.model-tag-limit` distinct names |\n");
    md.append("| `service` | `airbag.service.name` (Prometheus only: OTLP carries it as the resource attribute"
        + " `service.name`) |\n");
    md.append("\nLatency buckets of `airbag_llm_calls_seconds` (upper bounds, seconds): ")
        .append(MetricNames.LATENCY_BUCKETS.stream().map(MetricsDocTest::seconds).collect(Collectors.joining(", ")))
        .append(", +Inf.\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String label, Stream<String> values, String note) {
    md.append("| ").append(label).append(" | ")
        .append(values.map(v -> "`" + v + "`").collect(Collectors.joining(", "))).append(note).append(" |\n");
  }

  private static String prometheusName(MetricNames.Metric metric) {
    String base = metric.name().replace('.', '_');
    switch (metric.type()) {
      case "timer":
        return "`" + base + "_seconds` (`_bucket`, `_count`, `_sum`)";
      case "counter":
        return "`" + base + "_total`";
      default:
        return "`" + base + "`";
    }
  }

  private static String type(MetricNames.Metric metric) {
    return "timer".equals(metric.type()) ? "histogram" : metric.type();
  }

  private static String seconds(Duration bound) {
    return new java.math.BigDecimal(bound.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
  }
}
