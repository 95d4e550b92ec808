package dev.airbag.bench.apps;

import java.util.Arrays;

/**
 * What each app call of a no-harm run came to: served or not, and how long the app waited. A call never recorded
 * (not started in time, or still running when the app gave up) counts as failed. Thread-safe for one writer per
 * call index; read after the run.
 */
final class Outcomes {
  private final boolean[] ok;
  private final long[] nanos;
  private final boolean[] done;

  Outcomes(int calls) {
    ok = new boolean[calls];
    nanos = new long[calls];
    done = new boolean[calls];
  }

  synchronized void record(int call, boolean served, long tookNanos) {
    ok[call] = served;
    nanos[call] = tookNanos;
    done[call] = true;
  }

  /** Prints the RESULT lines the driver reads. */
  synchronized void report() {
    int served = 0;
    int finished = 0;
    for (int i = 0; i < ok.length; i++) {
      served += ok[i] ? 1 : 0;
      finished += done[i] ? 1 : 0;
    }
    ChildReport.put("calls", ok.length);
    ChildReport.put("ok", served);
    ChildReport.put("unfinished", ok.length - finished);
    long[] finishedNanos = new long[finished];
    for (int i = 0, j = 0; i < ok.length; i++) {
      if (done[i]) {
        finishedNanos[j++] = nanos[i];
      }
    }
    ChildReport.putLatencies("latency", finished == 0 ? new long[] {0} : Arrays.copyOf(finishedNanos, finished));
  }
}
