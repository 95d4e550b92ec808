package dev.airbag.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the no-harm matrix measured, with the settings it ran at, for the report, the chart and the results
 * file. Immutable.
 */
record NoHarmResults(List<Row> rows, double seconds, int closedCalls, double openRate, double openSeconds) {
  /** One cell: its two runs and the verdict. */
  record Row(NoHarmCell cell, NoHarmVerdict.Side without, NoHarmVerdict.Side with, NoHarmVerdict verdict) {
  }

  NoHarmResults {
    rows = List.copyOf(rows);
  }

  /** The results file's {@code no_harm} object. */
  Map<String, Object> json() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("duration_seconds", seconds);
    map.put("closed_loop_calls", closedCalls);
    map.put("open_loop_rate_per_second", openRate);
    map.put("open_loop_seconds", openSeconds);
    map.put("success_slack_pp", NoHarmVerdict.SUCCESS_SLACK_PP);
    map.put("timed_request_slack", NoHarmVerdict.TIMED_SLACK);
    List<Object> cells = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Object> cell = new LinkedHashMap<>();
      cell.put("id", row.cell().id());
      cell.put("client", row.cell().client());
      cell.put("load", row.cell().load());
      cell.put("pattern", row.cell().pattern().id());
      cell.put("pattern_description", row.cell().pattern().description());
      cell.put("fallback", row.cell().fallback());
      cell.put("exact", row.cell().exact());
      cell.put("without", side(row.without()));
      cell.put("with", side(row.with()));
      cell.put("verdict", row.verdict().verdict());
      cell.put("request_slack", row.verdict().requestSlack());
      cell.put("target", row.verdict().target());
      cell.put("target_met", row.verdict().targetMet());
      cells.add(cell);
    }
    map.put("cells", cells);
    return map;
  }

  private static Map<String, Object> side(NoHarmVerdict.Side side) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("calls", side.calls());
    map.put("ok", side.ok());
    map.put("success_percent", side.successPercent());
    map.put("upstream_requests", side.requests());
    map.put("p50_ms", side.p50Ms());
    map.put("p99_ms", side.p99Ms());
    return map;
  }
}
