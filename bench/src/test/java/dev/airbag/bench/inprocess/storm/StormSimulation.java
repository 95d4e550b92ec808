package dev.airbag.bench.inprocess.storm;

import dev.airbag.bench.apps.ChildReport;
import java.util.Map;

/**
 * The fleet storms of {@code ./bench.sh --only storm}: for each storm, fleet size and variant, a few seeds
 * ({@link StormRun}); prints per seed the share of app calls answered, the provider's requests per call, the seconds
 * the app needed after the provider's recovery, and the first seed's second-by-second counts, as {@code RESULT}
 * lines for the driver. Arguments: {@code SEEDS STORM[,STORM...] INSTANCES[,INSTANCES...]}.
 */
public final class StormSimulation {
  /**
   * The storms by name. {@code reject}: 100 concurrent requests of 2 s on average (50 calls/s) run at 70%, half the
   * slots from 20 s to 30 s, and a request beyond them turned away at once. {@code queue}: the same provider queues
   * up to 2,000 requests instead, the app gives each request 10 s, and a fifth of the slots is left from 20 s to 40 s:
   * a queue whose wait passes the timeout serves only requests nobody waits for, while the retries keep it full.
   */
  static final Map<String, StormSettings> STORMS = Map.of(
      "reject", new StormSettings(1, 100, 2.0, 0.02, 0, 0, 0.7, 60, 20, 30, 0.5),
      "queue", new StormSettings(1, 100, 2.0, 0.02, 2_000, 10, 0.7, 120, 20, 40, 0.2));

  private StormSimulation() {
  }

  public static void main(String[] args) {
    int seeds = Integer.parseInt(args[0]);
    for (String storm : args[1].split(",")) {
      StormSettings base = STORMS.get(storm);
      if (base == null) {
        throw new IllegalArgumentException("no storm " + storm + "; known: " + STORMS.keySet());
      }
      ChildReport.put(storm + ".drop_start_s", base.dropStartSeconds());
      ChildReport.put(storm + ".drop_end_s", base.dropEndSeconds());
      for (String instances : args[2].split(",")) {
        StormSettings settings = base.withInstances(Integer.parseInt(instances));
        for (StormVariant variant : StormVariant.values()) {
          for (int seed = 0; seed < seeds; seed++) {
            Timeline timeline = StormRun.run(settings, variant, seed + 1);
            report(storm + ".n" + instances + "." + variant.id + "." + seed, settings, timeline, seed == 0);
          }
        }
      }
    }
  }

  private static void report(String prefix, StormSettings settings, Timeline timeline, boolean series) {
    int calls = Timeline.sum(timeline.started);
    ChildReport.put(prefix + ".calls", calls);
    ChildReport.put(prefix + ".success_pct", 100.0 * Timeline.sum(timeline.answered) / calls);
    ChildReport.put(prefix + ".requests_per_call", (double) Timeline.sum(timeline.requests) / calls);
    ChildReport.put(prefix + ".peak_requests_per_s", max(timeline.requests));
    ChildReport.put(prefix + ".recovery_s", recoverySeconds(settings, timeline));
    if (series) {
      for (int second = 0; second < timeline.seconds(); second++) {
        ChildReport.put(prefix + ".answered." + second, timeline.answered[second]);
        ChildReport.put(prefix + ".failed." + second, timeline.failed[second]);
        ChildReport.put(prefix + ".requests." + second, timeline.requests[second]);
        ChildReport.put(prefix + ".rejected." + second, timeline.rejected[second]);
      }
    }
  }

  /**
   * Seconds from the provider's recovery until every later second of the run ends at least 99% of its calls in an
   * answer; the run's remaining seconds when that never happens. The last second, which holds every call that ended
   * after the run, is left out.
   */
  static int recoverySeconds(StormSettings settings, Timeline timeline) {
    int recovered = timeline.seconds() - 1;
    for (int second = timeline.seconds() - 2; second >= settings.dropEndSeconds(); second--) {
      int ended = timeline.answered[second] + timeline.failed[second];
      if (ended > 0 && timeline.answered[second] < 0.99 * ended) {
        break;
      }
      recovered = second;
    }
    return recovered - settings.dropEndSeconds();
  }

  private static int max(int[] counts) {
    int max = 0;
    for (int count : counts) {
      max = Math.max(max, count);
    }
    return max;
  }
}
