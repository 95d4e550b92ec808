package dev.airbag.bench.apps;

import java.time.Duration;

/**
 * A child JVM of the no-harm matrix: an ordinary app that knows nothing of Airbag, calling its LLM through one
 * SDK at its defaults, in a closed or an open loop, against the driver's fault server. Counts the calls the app
 * saw served; the driver counts the requests the server saw.
 *
 * <p>Arguments: {@code CLIENT LOAD BASE_URL MODEL CALLS RATE_PER_SECOND MAX_SECONDS WARMUP_URL}, where
 * {@code LOAD} is {@code closed} (every call sends the same prompt, as a batch job repeating a task) or
 * {@code open} (each call its own prompt, as a server's users). A few warm-up calls first go to
 * {@code WARMUP_URL}, a healthy server Airbag does not watch, so that the SDK's first-call class loading is not
 * counted as a slow call and the measured server sees only the measured calls.
 */
public final class NoHarmApp {
  private static final int WARMUP_CALLS = 5;

  private NoHarmApp() {
  }

  public static void main(String[] args) throws Exception {
    String load = args[1];
    int calls = Integer.parseInt(args[4]);
    double rate = Double.parseDouble(args[5]);
    Duration max = Duration.ofSeconds(Long.parseLong(args[6]));
    try (MatrixClient warm = MatrixClient.named(args[0], args[7], args[3])) {
      for (int i = 0; i < WARMUP_CALLS; i++) {
        warm.call("Warm up.");
      }
    }
    Outcomes outcomes;
    try (MatrixClient client = MatrixClient.named(args[0], args[2], args[3])) {
      if (load.equals("closed")) {
        outcomes = Loads.closed(calls, max, i -> served(client, "Summarise loan application 42 for the underwriter."));
      } else {
        outcomes = Loads.open(calls, rate, max, i -> served(client, "Summarise loan application " + i + "."));
      }
    }
    ChildReport.put("agent_attached", ChildReport.agentAttached() ? 1 : 0);
    outcomes.report();
    System.out.flush();
    // Calls the app gave up on may still hold pool threads; they are daemons, but the SDKs' are not all.
    System.exit(0);
  }

  /** Whether one call returned an answer; any exception is a failed call, as the app's user would see it. */
  private static boolean served(MatrixClient client, String prompt) {
    try {
      return !client.call(prompt).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }
}
