package dev.airbag.bench.inprocess.storm;

import java.io.IOException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The retry loop of openai-java and anthropic-java at their defaults (Stainless' {@code RetryingHttpClient}), as the
 * app has it with or without Airbag: two retries; {@code X-Should-Retry} obeyed first, else 408, 409, 429 and 5xx
 * retried; a {@code retry-after-ms} or {@code retry-after} up to 60 s waited, else 0.5 s doubling to 8 s, minus up
 * to a quarter of jitter; a timeout or a broken connection retried likewise. Each attempt carries its number ({@code X-Stainless-Retry-Count}), which the transport
 * gets.
 */
final class StainlessClient {
  static final int MAX_RETRIES = 2;

  private final VirtualTime time;
  private final Random random;
  private final IntFunction<CompletableFuture<Reply>> transport;

  /** @param transport sends attempt {@code n} (0 first) and completes with its response */
  StainlessClient(VirtualTime time, Random random, IntFunction<CompletableFuture<Reply>> transport) {
    this.time = time;
    this.random = random;
    this.transport = transport;
  }

  /** One call of the app; {@code done} gets true when it ends in a 2xx answer. */
  void call(Consumer<Boolean> done) {
    attempt(0, done);
  }

  private void attempt(int retries, Consumer<Boolean> done) {
    transport.apply(retries).whenComplete((reply, failure) -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause != null && !(cause instanceof IOException)) {
        // Only a timeout can fail an attempt here: anything else is the engine's, and must be seen.
        throw new IllegalStateException("the transport failed", cause);
      }
      if (cause != null) {
        // The SDK retries a timeout or a broken connection as it does a 5xx, with its own backoff.
        if (retries < MAX_RETRIES) {
          time.at(time.nanoTime() + backoffNanos(retries + 1, null), () -> attempt(retries + 1, done));
        } else {
          done.accept(false);
        }
      } else if (reply.status() / 100 == 2) {
        done.accept(true);
      } else if (retries < MAX_RETRIES && shouldRetry(reply)) {
        time.at(time.nanoTime() + backoffNanos(retries + 1, reply), () -> attempt(retries + 1, done));
      } else {
        done.accept(false);
      }
    });
  }

  static boolean shouldRetry(Reply reply) {
    String header = reply.header("x-should-retry");
    if ("true".equals(header)) {
      return true;
    }
    if ("false".equals(header)) {
      return false;
    }
    int status = reply.status();
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** The wait before retry number {@code retries} (1 first). */
  long backoffNanos(int retries, Reply reply) {
    long hinted = hintNanos(reply);
    if (hinted >= 0 && hinted <= 60_000_000_000L) {
      return hinted;
    }
    double seconds = Math.min(0.5 * Math.pow(2, retries - 1), 8.0);
    return (long) (seconds * (1.0 - 0.25 * random.nextDouble()) * 1e9);
  }

  private static long hintNanos(Reply reply) {
    if (reply == null) {
      return -1;
    }
    try {
      String millis = reply.header("retry-after-ms");
      if (millis != null) {
        return (long) (Double.parseDouble(millis) * 1e6);
      }
      String seconds = reply.header("retry-after");
      if (seconds != null) {
        return (long) (Double.parseDouble(seconds) * 1e9);
      }
    } catch (NumberFormatException notANumber) {
      // An HTTP date or garbage: the SDK falls back to its own backoff as well.
    }
    return -1;
  }
}
