package dev.airbag.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's HTML report: one self-contained file (Chart.js, styles, data and script inlined) with an overview,
 * then per scenario its table and four charts for the three ways: success and latency seen by the app over time,
 * circuit state over time, and upstream requests per second.
 */
final class HtmlReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HtmlReport() {}

  static Path write(List<ScenarioResult> results, DemoOptions options, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Airbag demo: the same app three ways</title>\n<style>").append(resource("report.css"))
        .append("</style>\n<script>/* Chart.js ").append(ChartJs.version()).append(", MIT licence */\n")
        .append(ChartJs.script()).append("</script>\n</head><body>\n");
    header(html, results, options);
    for (int i = 0; i < results.size(); i++) {
      section(html, results.get(i), i + 1);
    }
    List<Map<String, Object>> data = new ArrayList<>();
    results.forEach(result -> data.add(ReportData.scenario(result, options)));
    html.append("<footer>Each way ran in its own JVM against its own fault-injecting server, all three at once. "
            + "Raw files: <code>").append(escape(options.outputDir().resolve("runs").toString()))
        .append("/</code>. Charts by Chart.js ").append(ChartJs.version()).append(".</footer>\n")
        .append("<script>const DEMO = ").append(JSON.writeValueAsString(data).replace("</", "<\\/"))
        .append(";\n").append(resource("report.js")).append("</script>\n</body></html>\n");
    Files.writeString(file, html.toString());
    return file;
  }

  private static void header(StringBuilder html, List<ScenarioResult> results, DemoOptions options) {
    html.append("<header><h1>Airbag demo</h1><p class=\"lede\">A loan-document summariser that knows nothing of "
            + "Airbag summarises ").append(options.calls()).append(" packages, one every ")
        .append(options.interval().toMillis()).append(" ms, through anthropic-java (primary, some streamed) and "
            + "openai-java, while a local LLM server has a bad afternoon. The same workload runs three ways at "
            + "once:</p><div class=\"ways\">");
    for (Way way : Way.values()) {
      html.append("<span class=\"chip\" style=\"--c:").append(way.colour()).append("\">").append(way.title())
          .append("</span>");
    }
    html.append("</div><p class=\"small\">").append(escape(wayNotes())).append(" Generated ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append(".</p>");
    html.append("<table class=\"overview\"><thead><tr><th>success seen by the app</th>");
    for (Way way : Way.values()) {
      html.append("<th style=\"color:").append(way.colour()).append("\">").append(way.title()).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (int i = 0; i < results.size(); i++) {
      ScenarioResult result = results.get(i);
      html.append("<tr><td><a href=\"#s").append(i + 1).append("\">").append(escape(result.scenario().title()))
          .append("</a></td>");
      for (Way way : Way.values()) {
        double rate = result.stats(way).successRate();
        String grade = rate >= 99.5 ? "good" : rate >= 90 ? "fair" : "poor";
        html.append("<td><span class=\"pill ").append(grade).append("\">").append(Formats.percent(rate))
            .append("</span></td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table></header>\n");
  }

  private static void section(StringBuilder html, ScenarioResult result, int index) {
    DemoScenario scenario = result.scenario();
    html.append("<section id=\"s").append(index).append("\"><h2>").append(index).append(". ")
        .append(escape(scenario.title())).append("</h2><p class=\"shows\">").append(escape(scenario.shows()))
        .append("</p><p class=\"desc\">").append(escape(scenario.description()))
        .append("</p><table class=\"numbers\"><thead><tr><th></th>");
    for (Way way : Way.values()) {
      html.append("<th style=\"color:").append(way.colour()).append("\">").append(way.title()).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    String[][] cells = new String[Way.values().length][];
    for (Way way : Way.values()) {
      cells[way.ordinal()] = Formats.cells(result.stats(way), way.agent());
    }
    for (int row = 0; row < Formats.ROWS.length; row++) {
      html.append("<tr><td>").append(Formats.ROWS[row]).append("</td>");
      for (Way way : Way.values()) {
        html.append("<td>").append(escape(cells[way.ordinal()][row])).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table>");
    List<String> alerts = result.runs().get(Way.AIRBAG).alerts();
    if (!alerts.isEmpty()) {
      html.append("<p class=\"saw\"><b style=\"color:").append(Way.AIRBAG.colour())
          .append("\">alerts Airbag fired</b>: ").append(escape(String.join(", ", alerts))).append("</p>");
    }
    for (Way way : Way.values()) {
      String example = result.stats(way).exampleError();
      if (example != null) {
        html.append("<p class=\"saw\"><b style=\"color:").append(way.colour()).append("\">").append(way.title())
            .append("</b>: an underwriter saw <code>").append(escape(Formats.shorten(example, 160)))
            .append("</code></p>");
      }
    }
    html.append("<div class=\"grid\">");
    for (String chart : new String[] {"success", "latency", "circuits", "upstream"}) {
      html.append("<div class=\"card\"><canvas id=\"").append(scenario.name()).append('-').append(chart)
          .append("\"></canvas></div>");
    }
    html.append("</div></section>\n");
  }

  static String wayNotes() {
    return "Without Airbag: the SDKs as they come (each retries twice by default). With Airbag: the unchanged app "
        + "started with -javaagent and the demo's properties file (fallback claude-sonnet-4-5 → claude-haiku-4-5, "
        + "gpt-4o → gpt-4o-mini). resilience4j by hand: the app's calls wrapped in Retry (4 attempts, jittered "
        + "backoff) and a CircuitBreaker per model, the SDKs' retries off, no model fallback.";
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
