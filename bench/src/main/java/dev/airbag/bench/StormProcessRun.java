package dev.airbag.bench;

/**
 * What one run of one variant of the storm's processes part counted: the app calls the instances answered and failed
 * per second (by the second each call ended), the requests the provider received per second (by arrival), and the
 * totals. Immutable in use (the arrays are not shared out of the section).
 *
 * @param calls     app calls the instances started
 * @param ok        app calls answered
 * @param requests  requests the provider received
 * @param rejected  requests it turned away as overloaded
 * @param peakQueued the most requests waiting in the provider's queue at once (0 without a queue)
 * @param loadAverage the machine's load averages when the run ended (its cores are shared)
 */
record StormProcessRun(StormProcessStorm storm, StormProcessVariant variant, int[] answered, int[] failed,
    int[] requestsPerSecond, int calls, int ok, int requests, int rejected, int peakQueued, String loadAverage) {

  double answeredPercent() {
    return 100.0 * ok / calls;
  }

  double requestsPerCall() {
    return (double) requests / calls;
  }

  /** The run's counts as the no-harm matrix pools them (no latencies here). */
  NoHarmVerdict.Side side() {
    return new NoHarmVerdict.Side(calls, ok, requests, 0, 0);
  }

  /**
   * Seconds from the provider's recovery (the drop's end) until every later second in which calls ended ends at least
   * 99% of them in an answer, as the simulation counts it; -1 when the last second in which calls ended (before the
   * last one, which holds every call that ended after the run) still failed more.
   */
  int recoverySeconds() {
    int last = answered.length - 2;
    while (last > storm.dropToS() && answered[last] + failed[last] == 0) {
      last--;
    }
    int recovered = -1;
    for (int second = last; second >= storm.dropToS(); second--) {
      int ended = answered[second] + failed[second];
      if (ended > 0 && answered[second] < 0.99 * ended) {
        break;
      }
      recovered = second;
    }
    return recovered < 0 ? -1 : recovered - storm.dropToS();
  }

  /** Whether the app never answered every call again within the run. */
  boolean neverRecovered() {
    return recoverySeconds() < 0;
  }
}
