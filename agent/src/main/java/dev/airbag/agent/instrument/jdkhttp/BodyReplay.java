package dev.airbag.agent.instrument.jdkhttp;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Feeds bytes Airbag holds (a buffered error or its first bytes, a synthesized answer) through the app's own body
 * handler, followed by the rest of the body from the network when Airbag read only its start. Stateless.
 */
final class BodyReplay {
  // Handlers for in-memory bodies complete at once; the bound only guards against a pathological subscriber.
  private static final long BODY_TIMEOUT_SECONDS = 10;

  private BodyReplay() {}

  /**
   * The app's body of type T for {@code bytes} and then {@code rest} (null when the bytes are the whole body), as
   * its handler would have made it from the network.
   */
  static <T> CompletableFuture<T> through(HttpResponse.BodyHandler<T> handler, int status, HttpHeaders headers,
      HttpClient.Version version, byte[] bytes, UnreadRest rest) {
    GuardedSubscriber<T> subscriber;
    try {
      subscriber = new GuardedSubscriber<>(handler.apply(new Info(status, headers, version)));
    } catch (RuntimeException | Error failure) {
      // Nobody will read the rest: release its connection. The app's call fails with its handler's failure.
      if (rest != null) {
        rest.cancel();
      }
      return CompletableFuture.failedFuture(failure);
    }
    if (rest == null) {
      subscriber.onSubscribe(new OneShot(subscriber, bytes));
    } else {
      rest.relayTo(subscriber, bytes);
    }
    return subscriber.getBody().toCompletableFuture();
  }

  /**
   * Waits for the app's body, as {@code send} does. A body in memory is ready at once, so its wait is bounded; one
   * whose rest comes from the network takes as long as the handler takes to read it, as it would without Airbag.
   * An interrupt drops the rest (as {@code send} cancels its exchange) and surfaces as {@link InterruptedSend}.
   */
  static <T> T now(CompletableFuture<T> body, UnreadRest rest) throws IOException {
    try {
      return rest == null ? body.get(BODY_TIMEOUT_SECONDS, TimeUnit.SECONDS) : body.get();
    } catch (InterruptedException e) {
      if (rest != null) {
        rest.cancel();
      }
      throw new InterruptedSend(e);
    } catch (ExecutionException e) {
      // As send reports a body that failed (a connection cut mid-body): the cause's message, the cause inside.
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IOException("could not build the response body", e);
    }
  }

  /** Delivers the bytes as one item on the first request, then completes. */
  private static final class OneShot implements Flow.Subscription {
    private final Flow.Subscriber<? super List<ByteBuffer>> subscriber;
    private final byte[] bytes;
    private final AtomicBoolean delivered = new AtomicBoolean();

    OneShot(Flow.Subscriber<? super List<ByteBuffer>> subscriber, byte[] bytes) {
      this.subscriber = subscriber;
      this.bytes = bytes;
    }

    @Override
    public void request(long n) {
      if (n > 0 && delivered.compareAndSet(false, true)) {
        if (bytes.length > 0) {
          subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
        }
        subscriber.onComplete();
      }
    }

    @Override
    public void cancel() {
      delivered.set(true);
    }
  }

  private static final class Info implements HttpResponse.ResponseInfo {
    private final int status;
    private final HttpHeaders headers;
    private final HttpClient.Version version;

    Info(int status, HttpHeaders headers, HttpClient.Version version) {
      this.status = status;
      this.headers = headers;
      this.version = version;
    }

    @Override
    public int statusCode() {
      return status;
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }

    @Override
    public HttpClient.Version version() {
      return version;
    }
  }
}
