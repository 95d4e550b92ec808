package dev.airbag.bench;

/**
 * The judgement of one no-harm cell from its two runs. Pure functions; immutable results.
 *
 * <p>The invariant: success with Airbag at least success without it minus 1 percentage point, and no more
 * upstream requests. Requests are compared exactly in an exact cell (both runs meet the same faults for the same
 * attempts, so a client that behaves like the SDK alone gets the very same count). In a timed cell the SDK's own
 * backoff jitter moves an attempt or two across a window's edge between any two runs, with or without Airbag, so
 * there {@link #TIMED_SLACK} of the requests (at least 2) is allowed.
 */
record NoHarmVerdict(String verdict, int requestSlack, String target, Boolean targetMet) {
  static final double SUCCESS_SLACK_PP = 1.0;
  static final double TIMED_SLACK = 0.03;

  /** What one run measured: calls made by the app and served, requests the server saw, app-side latency. */
  record Side(int calls, int ok, int requests, double p50Ms, double p99Ms) {
    double successPercent() {
      return calls == 0 ? 0 : 100.0 * ok / calls;
    }

    /** Runs of the same cell pooled: counts added, latencies averaged over their calls. */
    Side plus(Side other) {
      int all = Math.max(1, calls + other.calls);
      return new Side(calls + other.calls, ok + other.ok, requests + other.requests,
          (p50Ms * calls + other.p50Ms * other.calls) / all, (p99Ms * calls + other.p99Ms * other.calls) / all);
    }
  }

  static NoHarmVerdict judge(NoHarmCell cell, Side without, Side with) {
    int slack = cell.exact() ? 0 : timedSlack(without);
    String verdict = compare(slack, without, with);
    if (cell.fallback()) {
      return new NoHarmVerdict(verdict, slack, "100% success (healthy fallback)", with.ok() == with.calls());
    }
    if (cell.pattern().totalOutage()) {
      return new NoHarmVerdict(verdict, slack, "requests <= 10% of SDK alone",
          with.requests() <= 0.10 * without.requests());
    }
    return new NoHarmVerdict(verdict, slack, null, null);
  }

  /** The requests a timed run may send beyond the SDK alone's: {@link #TIMED_SLACK} of them, at least 2. */
  static int timedSlack(Side without) {
    return Math.max(2, (int) Math.ceil(TIMED_SLACK * without.requests()));
  }

  /** BETTER, PASS or FAIL: success within {@link #SUCCESS_SLACK_PP}, requests within {@code slack}. */
  static String compare(int slack, Side without, Side with) {
    double gained = with.successPercent() - without.successPercent();
    boolean pass = gained >= -SUCCESS_SLACK_PP && with.requests() <= without.requests() + slack;
    boolean better = pass && (gained > SUCCESS_SLACK_PP || with.requests() < without.requests() - slack);
    return better ? "BETTER" : pass ? "PASS" : "FAIL";
  }

  boolean failed() {
    return verdict.equals("FAIL");
  }
}
