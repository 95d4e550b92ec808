package dev.airbag.demo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The demo app: summarises a queue of loan application packages for underwriters through anthropic-java
 * (primary) and openai-java, streaming some. It knows nothing of Airbag and handles errors the way a typical app
 * does: it catches the exception and shows the underwriter its message.
 *
 * <p>Arguments: {@code WAY BASE_URL CALLS INTERVAL_MS RESULTS_FILE}; WAY is {@code plain} (the SDKs as they come)
 * or {@code resilience4j} (the hand-written alternative). Packages arrive every INTERVAL_MS whatever happens to
 * earlier ones, as an underwriting queue does. It warms up, prints {@code READY}, and starts when a line arrives on
 * stdin, so the demo driver can start three ways at the same instant.
 */
public final class LoanSummariser {
  public static void main(String[] args) throws Exception {
    String way = args[0];
    int calls = Integer.parseInt(args[2]);
    long intervalMs = Long.parseLong(args[3]);
    try (ResultsLog log = new ResultsLog(Paths.get(args[4]));
        Summariser summariser = summariser(way, args[1], log)) {
      warmUp(summariser);
      System.out.println("READY");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      run(summariser, LoanPackage.queue(calls), intervalMs, log);
    }
  }

  private static Summariser summariser(String way, String baseUrl, ResultsLog log) {
    if (way.equals("resilience4j")) {
      return new ResilientSummariser(new SdkSummariser(baseUrl, 0), log::circuit)
          .watch(LoanPackage.ANTHROPIC_MODEL).watch(LoanPackage.OPENAI_MODEL);
    }
    return new SdkSummariser(baseUrl, null);
  }

  // Loads the SDKs' classes before the clock starts, so the first packages are not charged for it.
  private static void warmUp(Summariser summariser) {
    for (LoanPackage loan : LoanPackage.queue(4)) {
      summariser.summarise(loan);
    }
  }

  private static void run(Summariser summariser, List<LoanPackage> queue, long intervalMs, ResultsLog log)
      throws Exception {
    ExecutorService workers = Executors.newCachedThreadPool();
    long startNanos = System.nanoTime();
    List<Future<?>> pending = new ArrayList<>();
    for (int i = 0; i < queue.size(); i++) {
      long dueNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(i * intervalMs);
      TimeUnit.NANOSECONDS.sleep(dueNanos - System.nanoTime());
      LoanPackage loan = queue.get(i);
      pending.add(workers.submit(() -> summarise(summariser, loan, log)));
    }
    for (Future<?> call : pending) {
      call.get();
    }
    workers.shutdown();
  }

  private static void summarise(Summariser summariser, LoanPackage loan, ResultsLog log) {
    long startEpochMs = System.currentTimeMillis();
    long start = System.nanoTime();
    Summary summary = null;
    Exception error = null;
    try {
      summary = summariser.summarise(loan);
    } catch (RuntimeException e) {
      // What a typical app does: show the underwriter the exception's message.
      error = e;
    }
    double millis = (System.nanoTime() - start) / 1e6;
    System.out.printf("%-28s %s%n", loan.label(), summary != null ? summary.text() : "ERROR: " + error.getMessage());
    log.call(loan, startEpochMs, millis, summary, error);
  }
}
