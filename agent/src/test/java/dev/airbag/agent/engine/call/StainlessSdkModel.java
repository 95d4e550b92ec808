package dev.airbag.agent.engine.call;

import dev.airbag.agent.testing.FakeClock;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * The retry loop of the OpenAI and Anthropic Java SDKs (Stainless), as their sources read: 2 retries by default, on
 * 408, 409, 429 and 5xx unless the response says {@code X-Should-Retry}; waits {@code min(0.5 s * 2^n, 8 s)} less up
 * to a quarter, and sends {@code X-Stainless-Retry-Count}. The random number is fixed so that runs compare exactly.
 */
final class StainlessSdkModel {
  static final int MAX_RETRIES = 2;
  private static final double RANDOM = 0.5;

  private StainlessSdkModel() {}

  /** One app call; {@code attempt} sends the SDK's attempt with this retry count. True when the app got a 2xx. */
  static boolean call(FakeClock clock, IntFunction<FakeExchange.Answer> attempt) {
    for (int retry = 0; ; retry++) {
      FakeExchange.Answer answer = attempt.apply(retry);
      if (answer.status < 400) {
        return true;
      }
      if (retry >= MAX_RETRIES || !shouldRetry(answer)) {
        return false;
      }
      double seconds = Math.min(0.5 * Math.pow(2, retry), 8) * (1 - 0.25 * RANDOM);
      clock.advance(Duration.ofNanos((long) (seconds * 1e9)));
    }
  }

  private static boolean shouldRetry(FakeExchange.Answer answer) {
    String header = answer.headers.get("X-Should-Retry");
    if (header != null) {
      return header.equals("true");
    }
    int status = answer.status;
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }
}
