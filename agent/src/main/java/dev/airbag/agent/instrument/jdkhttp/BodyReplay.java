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

/** Feeds bytes Airbag holds (a buffered error, a synthesized answer) through the app's own body handler. */
final class BodyReplay {
  // Handlers for in-memory bodies complete at once; the bound only guards against a pathological subscriber.
  private static final long BODY_TIMEOUT_SECONDS = 10;

  private BodyReplay() {}

  /** The app's body of type T for {@code bytes}, as its handler would have made it from the network. */
  static <T> CompletableFuture<T> through(HttpResponse.BodyHandler<T> handler, int status, HttpHeaders headers,
      HttpClient.Version version, byte[] bytes) {
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(new Info(status, headers, version));
    subscriber.onSubscribe(new OneShot(subscriber, bytes));
    return subscriber.getBody().toCompletableFuture();
  }

  static <T> T now(CompletableFuture<T> body) throws IOException {
    try {
      return body.get(BODY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while building the response body");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not build the response body", e.getCause() == null ? e : e.getCause());
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
