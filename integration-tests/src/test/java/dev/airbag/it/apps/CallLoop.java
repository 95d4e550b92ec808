package dev.airbag.it.apps;

import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Makes {@code count} calls, one model after another, and prints a RESULT line per call and a SUMMARY line, the
 * way the test apps report to their tests. An error prints only its kind: its message may echo what the server
 * said, keys included, and a careful app would not show it.
 */
final class CallLoop {
  /** One call with a given model. */
  interface Call {
    String run(String model) throws Exception;
  }

  private CallLoop() {}

  static void run(int count, String[] models, Call call, Function<Throwable, String> status) {
    long totalNanos = 0;
    long tailNanos = 0;
    int ok = 0;
    for (int i = 0; i < count; i++) {
      long started = System.nanoTime();
      String line;
      try {
        line = "RESULT ok " + call.run(models[i % models.length]);
        ok++;
      } catch (Exception e) {
        Throwable error = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        line = "RESULT error " + status.apply(error) + "type=" + error.getClass().getSimpleName();
      }
      long took = System.nanoTime() - started;
      totalNanos += took;
      tailNanos += i >= count / 2 ? took : 0;
      System.out.println(line);
    }
    int tail = count - count / 2;
    System.out.println("SUMMARY calls=" + count + " ok=" + ok + " mean_us=" + (count == 0 ? 0 : totalNanos / count / 1000)
        + " tail_mean_us=" + (tail == 0 ? 0 : tailNanos / tail / 1000));
  }
}
