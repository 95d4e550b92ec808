package dev.airbag.demo;

import dev.airbag.faultserver.FaultServer;
import java.util.Arrays;

/**
 * The numbers of one way's table column, computed from its {@link RunData}.
 *
 * @param calls            app calls made
 * @param succeeded        calls that gave the underwriter a summary
 * @param rawErrors        calls that showed the underwriter an exception's message
 * @param truncated        summaries that reached the underwriter cut short, looking complete
 * @param upstreamPerCall  requests the provider saw per app call
 * @param p50Ms            median app-visible latency
 * @param p99Ms            99th percentile app-visible latency
 * @param fallbackServed   calls answered by another model than the app asked for
 * @param exampleError     one message an underwriter saw, or null
 */
record WayStats(int calls, int succeeded, int rawErrors, int truncated, double upstreamPerCall, double p50Ms,
    double p99Ms, int fallbackServed, int events, int alerts, String exampleError) {

  static WayStats of(RunData run) {
    int succeeded = 0;
    int truncated = 0;
    int fallback = 0;
    String example = null;
    double[] millis = new double[run.calls().size()];
    for (int i = 0; i < millis.length; i++) {
      RunData.Call call = run.calls().get(i);
      millis[i] = call.millis();
      if (call.ok()) {
        succeeded++;
        truncated += call.text().equals(FaultServer.completionText(call.servedModel())) ? 0 : 1;
        fallback += call.servedModel().equals(call.model()) ? 0 : 1;
      } else if (example == null) {
        example = call.error();
      }
    }
    Arrays.sort(millis);
    int calls = millis.length;
    return new WayStats(calls, succeeded, calls - succeeded, truncated,
        calls == 0 ? 0 : (double) run.upstream().size() / calls, percentile(millis, 50), percentile(millis, 99),
        fallback, run.eventCount(), run.alerts().size(), example);
  }

  double successRate() {
    return calls == 0 ? 0 : 100.0 * succeeded / calls;
  }

  // Nearest-rank percentile: with 40 calls, p99 is the slowest call.
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
