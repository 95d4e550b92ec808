package dev.airbag.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The series the HTML report charts, per scenario and way, as plain maps and lists ready for JSON. Times are
 * seconds since the driver said go.
 */
final class ReportData {
  private ReportData() {}

  static Map<String, Object> scenario(ScenarioResult result, DemoOptions options) {
    double endS = options.span().toMillis() / 1000.0;
    for (RunData run : result.runs().values()) {
      for (RunData.Call call : run.calls()) {
        endS = Math.max(endS, (call.startMs() + call.millis()) / 1000);
      }
    }
    endS = Math.ceil(endS);
    double bucketS = Math.max(0.5, Math.round(options.span().toMillis() / 10.0 / 500) * 0.5);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", result.scenario().name());
    data.put("endS", endS);
    data.put("bucketS", bucketS);
    List<Map<String, Object>> ways = new ArrayList<>();
    for (Way way : Way.values()) {
      RunData run = result.runs().get(way);
      Map<String, Object> series = new LinkedHashMap<>();
      series.put("title", way.title());
      series.put("colour", way.colour());
      series.put("dash", way.dash());
      series.put("pointStyle", way.pointStyle());
      series.put("breaker", way != Way.PLAIN);
      series.put("success", success(run, bucketS, options.span().toMillis() / 1000.0));
      series.put("latency", latency(run));
      series.put("upstream", upstream(run, 0.5, endS));
      series.put("circuitsMoved", !run.circuits().isEmpty());
      series.put("circuits", way == Way.PLAIN ? List.of() : circuits(run, endS));
      ways.add(series);
    }
    data.put("ways", ways);
    return data;
  }

  // Share of the calls started in each bucket that gave the underwriter a summary, one bar per bucket.
  private static List<Map<String, Object>> success(RunData run, double bucketS, double spanS) {
    int buckets = (int) Math.ceil(spanS / bucketS);
    int[] started = new int[buckets];
    int[] ok = new int[buckets];
    for (RunData.Call call : run.calls()) {
      int bucket = Math.min(buckets - 1, Math.max(0, (int) (call.startMs() / 1000 / bucketS)));
      started[bucket]++;
      ok[bucket] += call.ok() ? 1 : 0;
    }
    List<Map<String, Object>> bars = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      Map<String, Object> bar = new LinkedHashMap<>();
      bar.put("x", seconds(i * bucketS) + "–" + seconds((i + 1) * bucketS) + " s");
      bar.put("y", started[i] == 0 ? null : Math.round(1000.0 * ok[i] / started[i]) / 10.0);
      bars.add(bar);
    }
    return bars;
  }

  private static List<Map<String, Object>> latency(RunData run) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (RunData.Call call : run.calls()) {
      Map<String, Object> point = point(call.startMs() / 1000, Math.max(1, Math.round(call.millis())));
      point.put("ok", call.ok());
      points.add(point);
    }
    return points;
  }

  private static List<Map<String, Object>> upstream(RunData run, double bucketS, double endS) {
    int buckets = (int) Math.ceil(endS / bucketS);
    int[] counts = new int[buckets];
    for (RunData.Upstream request : run.upstream()) {
      int bucket = (int) (request.atMs() / 1000 / bucketS);
      if (bucket >= 0 && bucket < buckets) {
        counts[bucket]++;
      }
    }
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      points.add(point(i * bucketS, counts[i] / bucketS));
    }
    return points;
  }

  // A stepped line per model whose circuit moved (0 closed, 1 half-open, 2 open); one closed line if none did.
  private static List<Map<String, Object>> circuits(RunData run, double endS) {
    List<Map<String, Object>> lines = new ArrayList<>();
    if (run.circuits().isEmpty()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("model", "every model");
      line.put("points", List.of(point(0, 0), point(endS, 0)));
      lines.add(line);
    }
    for (String model : new TreeSet<>(run.circuits().stream().map(RunData.CircuitChange::model).toList())) {
      List<Map<String, Object>> points = new ArrayList<>();
      points.add(point(0, 0));
      int state = 0;
      for (RunData.CircuitChange change : run.circuits()) {
        if (change.model().equals(model)) {
          state = level(change.state());
          points.add(point(Math.max(0, change.atMs() / 1000), state));
        }
      }
      points.add(point(endS, state));
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("model", model);
      line.put("points", points);
      lines.add(line);
    }
    return lines;
  }

  private static String seconds(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static int level(String state) {
    return switch (state) {
      case "open", "forced_open" -> 2;
      case "half_open" -> 1;
      default -> 0;
    };
  }

  private static Map<String, Object> point(double x, double y) {
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("x", Math.round(x * 1000) / 1000.0);
    point.put("y", y);
    return point;
  }
}
