package dev.airbag.it.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.it.support.AgentConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The provider and the judgement of the slow-error-body tests over h2: every answer a 500 whose 71-byte body
 * trickles in 20 bytes every 1.5 s (4.5 s in all), Airbag set to 3 attempts 100 ms apart, and the app's answers
 * compared with those it got without Airbag.
 */
final class TricklingErrors {
  static final int ATTEMPTS = 3;
  private static final String ERROR = "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}";
  private static final Pattern RESPONSE_MS = Pattern.compile("response_ms=(\\d+)");
  private static final Pattern BODY_MS = Pattern.compile("body_ms=(\\d+)");
  // Reading the two retried 4.5 s bodies whole would hold the app 9 s and more; Airbag waits about a second for
  // each (3.3 s in all on JDK 17, 5.2 s on Java 11).
  private static final long RESPONSE_BOUND_MS = 8_000;

  private TricklingErrors() {}

  static void serveFrom(TlsProvider provider) {
    provider.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse().setResponseCode(500).setHeader("Content-Type", "application/json").setBody(ERROR)
            .throttleBody(20, 1500, TimeUnit.MILLISECONDS);
      }
    });
  }

  static AgentConfig config(TlsProvider provider, Path dir) {
    return provider.config(dir).set("airbag.circuit.enabled", "false")
        .set("airbag.retry.max-attempts", String.valueOf(ATTEMPTS)).set("airbag.retry.jitter", "none")
        .set("airbag.retry.base-delay", "100ms").set("airbag.retry.max-delay", "100ms")
        .set("airbag.retry.deadline", "20s").set("airbag.retry.replay-window", "0s");
  }

  /**
   * Same status and bytes case by case, over h2, the response held inside the bound and the body read inside the
   * callers' 20 s.
   */
  static void assertBounded(List<String> without, List<String> with) {
    assertEquals(strip(without), strip(with), "without:\n" + String.join("\n", without) + "\nwith:\n"
        + String.join("\n", with));
    for (String line : with) {
      assertTrue(line.contains("protocol=h2 ") || line.contains("protocol=HTTP_2 "), line);
      assertTrue(millis(RESPONSE_MS, line) < RESPONSE_BOUND_MS, "the app held the response late: " + line);
      assertTrue(millis(BODY_MS, line) < 20_000, "inside the caller's own timeout: " + line);
    }
  }

  /** The RESULT lines of an app's output, echoed to the build log. */
  static List<String> results(List<String> stdout) {
    List<String> lines = stdout.stream().filter(line -> line.startsWith("RESULT ")).toList();
    System.out.println("[it] " + String.join("\n[it] ", lines));
    return lines;
  }

  private static List<String> strip(List<String> lines) {
    return lines.stream().map(line -> line.replaceAll(" (response_ms|body_ms|ms)=\\d+", "")).toList();
  }

  private static long millis(Pattern pattern, String line) {
    Matcher matcher = pattern.matcher(line);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
  }
}
