package dev.airbag.bench.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One instance of the fleet storm's processes part: an ordinary openai-java app at its SDK's defaults, calling in an
 * open loop (each call its own prompt, as a server's users), that knows nothing of Airbag. Warms up against a
 * healthy server Airbag does not watch, prints {@code READY}, and on {@code go} (answered {@code GO}) starts its
 * arrivals, so that the driver starts every instance and the provider's clock at one moment. On {@code end} it
 * prints, once its run is over, the totals ({@code calls}, {@code ok}, {@code unfinished}), the calls ended per second
 * since {@code go} ({@link CallEndsPerSecond}) and {@code END}, and exits.
 *
 * <p>Arguments: {@code BASE_URL MODEL RATE_PER_SECOND SECONDS DRAIN_SECONDS PHASE_MS WARMUP_URL TIMEOUT_MS}:
 * {@code PHASE_MS} delays this instance's first arrival, so that the fleet's arrivals interleave instead of coming in
 * bursts; {@code TIMEOUT_MS} is the app's timeout for each request (openai-java's {@code timeout}), 0 for the SDK's
 * default.
 */
public final class StormApp {
  private static final int WARMUP_CALLS = 5;

  private StormApp() {
  }

  public static void main(String[] args) throws Exception {
    String model = args[1];
    double rate = Double.parseDouble(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int drain = Integer.parseInt(args[4]);
    long phaseNanos = Long.parseLong(args[5]) * 1_000_000L;
    try (MatrixClient warm = MatrixClient.named("openai-java", args[6], model)) {
      for (int i = 0; i < WARMUP_CALLS; i++) {
        warm.call("Warm up.");
      }
    }
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    expect(commands, "go");
    long zero = System.nanoTime();
    System.out.println("GO");
    CallEndsPerSecond ends = new CallEndsPerSecond(zero, seconds + drain + 1);
    Outcomes outcomes;
    long timeoutMs = args.length > 7 ? Long.parseLong(args[7]) : 0;
    Duration timeout = timeoutMs > 0 ? Duration.ofMillis(timeoutMs) : null;
    try (MatrixClient client = MatrixClient.named("openai-java", args[0], model, timeout)) {
      LockSupport.parkNanos(phaseNanos);
      outcomes = Loads.open((int) Math.round(rate * seconds), rate, Duration.ofSeconds(drain), i -> {
        boolean served = served(client, "Summarise loan application " + i + ".");
        ends.record(served, System.nanoTime());
        return served;
      });
    }
    expect(commands, "end");
    ChildReport.put("agent_attached", ChildReport.agentAttached() ? 1 : 0);
    outcomes.report();
    ends.report();
    System.out.println("END");
    System.out.flush();
    // Calls the app gave up on may still hold the SDK's threads, not all of them daemons.
    System.exit(0);
  }

  private static void expect(BufferedReader commands, String command) throws Exception {
    String line = commands.readLine();
    if (!command.equals(line)) {
      throw new IllegalStateException("expected " + command + ", got " + line);
    }
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
