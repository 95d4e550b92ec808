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
 * @param loadAverage the machine's load averages when the run ended (its cores are shared)
 */
record StormProcessRun(StormProcessVariant variant, int[] answered, int[] failed, int[] requestsPerSecond, int calls,
    int ok, int requests, int rejected, String loadAverage) {

  double answeredPercent() {
    return 100.0 * ok / calls;
  }

  double requestsPerCall() {
    return (double) requests / calls;
  }
}
