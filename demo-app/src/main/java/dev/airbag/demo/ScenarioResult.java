package dev.airbag.demo;

import java.util.EnumMap;
import java.util.Map;

/** One scenario's runs, one per way, with the numbers of its table. */
record ScenarioResult(DemoScenario scenario, Map<Way, RunData> runs, Map<Way, WayStats> stats) {
  static ScenarioResult of(DemoScenario scenario, Map<Way, RunData> runs) {
    Map<Way, WayStats> stats = new EnumMap<>(Way.class);
    runs.forEach((way, run) -> stats.put(way, WayStats.of(run)));
    return new ScenarioResult(scenario, Map.copyOf(runs), stats);
  }

  WayStats stats(Way way) {
    return stats.get(way);
  }
}
