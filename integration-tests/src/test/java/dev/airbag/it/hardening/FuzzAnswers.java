package dev.airbag.it.hardening;

import dev.airbag.faultserver.Fault;
import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RequestInfo;
import dev.airbag.faultserver.ResponseSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A malformed answer for every fuzz model {@code fz-KIND-N}: KIND picks the kind of damage (one of {@link #KINDS})
 * and N seeds its bytes, status and sizes, so that no two calls get the same answer. A pure function of the
 * model, hence stateless and thread-safe.
 */
final class FuzzAnswers implements FaultPlan {
  static final List<String> KINDS = List.of("random", "random-status", "truncated", "deep", "html", "xml",
      "huge-header", "huge-retry-after", "gzip-lie", "sse-garbage", "error-json", "huge-code", "drop", "slowloris");
  private static final int[] STATUSES = {400, 401, 403, 404, 409, 413, 418, 422, 429, 500, 501, 502, 503, 504, 520,
      529};

  @Override
  public Fault choose(RequestInfo request) {
    String model = request.model();
    int dash = model.lastIndexOf('-');
    if (!model.startsWith("fz-") || dash < 4) {
      return Faults.success();
    }
    String kind = model.substring(3, dash);
    long n = Long.parseLong(model.substring(dash + 1));
    return response -> shape(response, kind, n, new SplittableRandom(n * 0x9E3779B97F4A7C15L + kind.hashCode()));
  }

  private static void shape(ResponseSpec response, String kind, long n, SplittableRandom random) {
    switch (kind) {
      case "random" -> response.answer(200, "application/json", bytes(random, size(n, random)));
      case "random-status" -> response.answer(status(random), "application/json", bytes(random, size(n, random)));
      case "truncated" -> {
        String json = "{\"id\":\"chatcmpl-" + n + "\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\""
            + text(random, 200 + random.nextInt(4000)) + "\"}}";
        response.answer(new int[] {200, 429, 500}[(int) (n % 3)], "application/json",
            utf8(json.substring(0, 1 + random.nextInt(json.length() - 1))));
      }
      case "deep" -> response.answer(400, "application/json", utf8("[".repeat(1000 + random.nextInt(50_000))));
      case "html" -> response.answer(502, "text/html", utf8("<html><body><h1>Bad gateway " + n + "</h1>"
          + text(random, random.nextInt(8000)) + "</body></html>"));
      case "xml" -> response.answer(n % 2 == 0 ? 200 : 503, "application/xml", utf8("<error><code>overloaded-" + n
          + "</code><detail>" + text(random, random.nextInt(4000)) + "</detail></error>"));
      case "huge-header" -> response.answer(200, "application/json", utf8("{\"id\":\"" + n + "\"}"))
          .header("X-Huge", text(random, 60_000));
      case "huge-retry-after" -> response.answer(529, "application/json", utf8(
          "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded " + n + "\"}}"))
          .header("Retry-After", "9".repeat(1000 + random.nextInt(5000)));
      case "gzip-lie" -> response.answer(503, "application/json", bytes(random, 64 + random.nextInt(4096)))
          .header("Content-Encoding", "gzip");
      case "sse-garbage" -> response.events(n % 2 == 0 ? 200 : 500, List.of("data: {garbage " + n + "\n\n",
          "event: error\ndata: " + text(random, random.nextInt(2000)) + "\n\n", "data: " + text(random, 50) + "\n\n"));
      case "error-json" -> response.answer(n % 2 == 0 ? 503 : 529, "application/json", utf8(
          "{\"error\":{\"type\":\"server_error\",\"code\":\"engine_overloaded\",\"message\":\"Overloaded, call " + n
              + ": " + text(random, 100 + random.nextInt(8000)) + "\"}}"));
      case "huge-code" -> response.answer(n % 2 == 0 ? 500 : 400, "application/json", utf8(
          "{\"error\":{\"code\":\"" + text(random, 20_000 + random.nextInt(40_000)) + "\",\"message\":\"m" + n + "\"}}"));
      case "drop" -> response.end(ResponseSpec.Ending.DROP, 0);
      case "slowloris" -> response.answer(503, "application/json", utf8("{\"error\":{\"message\":\"slow " + n + " "
          + text(random, 500) + "\"}}")).slowly(Duration.ofMillis(2), 128);
      default -> throw new IllegalArgumentException("no fuzz kind " + kind);
    }
  }

  /** Mostly small, one call in twenty a few hundred KB. */
  private static int size(long n, SplittableRandom random) {
    return n % 20 == 0 ? 100_000 + random.nextInt(200_000) : 1 + random.nextInt(4096);
  }

  private static int status(SplittableRandom random) {
    return STATUSES[random.nextInt(STATUSES.length)];
  }

  private static byte[] bytes(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i += 8) {
      long word = random.nextLong();
      for (int j = 0; j < 8 && i + j < size; j++) {
        bytes[i + j] = (byte) (word >>> (8 * j));
      }
    }
    return bytes;
  }

  /** Printable, JSON- and header-safe text. */
  private static String text(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(chars);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
