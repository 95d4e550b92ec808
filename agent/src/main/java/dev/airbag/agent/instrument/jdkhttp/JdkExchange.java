package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.engine.call.AsyncExchange;
import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.instrument.ErrorBodyWait;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Lends the engine one {@code java.net.http} call. Each attempt goes through the client's original
 * {@code send}/{@code sendAsync} (the re-entrancy guard lets it pass the hook). Error bodies are read up to the
 * classification bound so that they can be classified and, if the app is to see them, replayed through its own
 * body handler, with any rest relayed from the network; successful bodies go straight to the app's handler. The
 * request's own {@code timeout} bounds the whole call, as it does without Airbag: each attempt gets what is left of
 * it. Used by one thread at a time.
 */
final class JdkExchange implements AsyncExchange<JdkAttempt> {
  private final HttpClient client;
  private final HttpRequest original;
  private final HttpResponse.BodyHandler<Object> appHandler;
  private final HttpRequest.BodyPublisher ownBody;
  private final boolean streamed;
  private final int maxErrorBodyBytes;
  private final long startNanos = System.nanoTime();
  private boolean sentBefore;
  private CompletableFuture<?> appFuture;

  @SuppressWarnings("unchecked")
  /** @param ownBody what attempts send in place of the app's publisher, which Airbag consumed; null for the app's */
  JdkExchange(HttpClient client, HttpRequest original, HttpResponse.BodyHandler<?> appHandler,
      HttpRequest.BodyPublisher ownBody, boolean streamed, int maxErrorBodyBytes) {
    this.client = client;
    this.original = original;
    this.appHandler = (HttpResponse.BodyHandler<Object>) appHandler;
    this.ownBody = ownBody;
    this.streamed = streamed;
    this.maxErrorBodyBytes = maxErrorBodyBytes;
  }

  /** True when the app's own request cannot be sent as it is: Airbag consumed its body. */
  boolean ownsBody() {
    return ownBody != null;
  }

  /** For sendAsync: a cancelled app future stops further attempts. */
  void cancelledWith(CompletableFuture<?> future) {
    this.appFuture = future;
  }

  @Override
  public JdkAttempt send(AttemptRequest attempt) throws IOException {
    HttpRequest request = requestFor(attempt);
    StreamTap tap = streamed ? new StreamTap() : null;
    ReentrancyGuard.enter();
    try {
      return JdkAttempt.of(client.send(request, handler(tap)), tap);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedSend(e);
    } finally {
      ReentrancyGuard.exit();
    }
  }

  @Override
  public void sendAsync(AttemptRequest attempt, CompletableFuture<JdkAttempt> answer) {
    HttpRequest request = requestFor(attempt);
    StreamTap tap = streamed ? new StreamTap() : null;
    ReentrancyGuard.enter();
    try {
      client.sendAsync(request, handler(tap)).whenComplete((response, failure) -> {
        if (failure != null) {
          answer.completeExceptionally(failure);
          return;
        }
        JdkAttempt made;
        try {
          made = JdkAttempt.of(response, tap);
        } catch (RuntimeException | Error bug) {
          answer.completeExceptionally(bug);
          return;
        }
        answer.complete(made);
      });
    } finally {
      ReentrancyGuard.exit();
    }
  }

  private HttpResponse.BodyHandler<Object> handler(StreamTap tap) {
    return info -> {
      if (info.statusCode() >= 400) {
        // The identity mapping only widens the body's type to the handler's.
        return HttpResponse.BodySubscribers.mapping(
            ErrorBodySubscriber.waitingAtMost(maxErrorBodyBytes, ErrorBodyWait.nanos(callerLeftNanos())), body -> body);
      }
      HttpResponse.BodySubscriber<Object> own = appHandler.apply(info);
      return tap == null ? own : new TappedSubscriber<>(own, tap);
    };
  }

  private HttpRequest requestFor(AttemptRequest attempt) {
    boolean first = !sentBefore;
    sentBefore = true;
    boolean timed = timeoutNanos(original) > 0 && !first;
    if (attempt.body() == null && attempt.path() == null && attempt.firstByteTimeoutMillis() == 0 && !timed
        && ownBody == null) {
      return original;
    }
    URI uri = attempt.path() == null ? original.uri() : withPath(original.uri(), attempt.path());
    HttpRequest.BodyPublisher body = attempt.body() != null ? HttpRequest.BodyPublishers.ofByteArray(attempt.body())
        : ownBody != null ? ownBody : original.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody());
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(original.method(), body)
        .expectContinue(original.expectContinue());
    original.version().ifPresent(builder::version);
    original.headers().map().forEach((name, values) -> {
      for (String value : values) {
        try {
          builder.header(name, value);
        } catch (IllegalArgumentException restricted) {
          // Host, Content-Length and their kin are the client's to set.
        }
      }
    });
    // What is left of the caller's timeout, at least a millisecond: the client's own timeout then says it ran out.
    Duration timeout = timeoutNanos(original) > 0 ? Duration.ofNanos(Math.max(1_000_000, callerLeftNanos()))
        : original.timeout().orElse(null);
    if (attempt.firstByteTimeoutMillis() > 0) {
      Duration firstByte = Duration.ofMillis(attempt.firstByteTimeoutMillis());
      timeout = timeout == null || firstByte.compareTo(timeout) < 0 ? firstByte : timeout;
    }
    if (timeout != null) {
      builder.timeout(timeout);
    }
    return builder.build();
  }

  private static URI withPath(URI uri, String rawPath) {
    String query = uri.getRawQuery();
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + rawPath + (query == null ? "" : "?" + query));
  }

  @Override
  public int status(JdkAttempt response) {
    return response.status;
  }

  @Override
  public HeaderLookup headers(JdkAttempt response) {
    return name -> response.headers.firstValue(name).orElse(null);
  }

  @Override
  public byte[] peekBody(JdkAttempt response, int maxBytes) {
    byte[] held = response.heldBytes();
    if (held == null) {
      return new byte[0];
    }
    return held.length <= maxBytes ? held : Arrays.copyOf(held, maxBytes);
  }

  @Override
  public boolean peekCutShort(JdkAttempt response) {
    return response.cutByTime();
  }

  /** What the request's own timeout leaves of the call; {@code Long.MAX_VALUE} when it has none. */
  private long callerLeftNanos() {
    long timeout = timeoutNanos(original);
    return timeout == 0 ? Long.MAX_VALUE : timeout - (System.nanoTime() - startNanos);
  }

  /** The request's own timeout in nanoseconds; 0 for none, and for one of a year or more, which bounds nothing. */
  static long timeoutNanos(HttpRequest request) {
    Duration timeout = request.timeout().orElse(null);
    // Past a year the nanoseconds may not fit in a long.
    return timeout == null || timeout.compareTo(Duration.ofDays(365)) > 0 ? 0 : timeout.toNanos();
  }

  @Override
  public void discard(JdkAttempt response) {
    UnreadRest rest = response.unreadRest();
    if (rest != null) {
      rest.cancel();
    }
  }

  @Override
  public JdkAttempt withHeaders(JdkAttempt response, Map<String, String> headers) {
    return response.withHeaders(headers);
  }

  @Override
  public JdkAttempt synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    return JdkAttempt.madeUp(status, headers, jsonBody);
  }

  @Override
  public JdkAttempt monitorStream(JdkAttempt response, StreamMonitor monitor) {
    if (response.tap != null) {
      response.tap.attach(monitor);
    }
    return response;
  }

  @Override
  public boolean isCanceled() {
    return appFuture != null && appFuture.isCancelled();
  }

  /** The response the app gets: its own when Airbag changed nothing, else one replayed through its handler. */
  CompletableFuture<HttpResponse<Object>> toApp(JdkAttempt attempt) {
    if (isCanceled()) {
      // Nobody will read this body: release its connection, as the client does for a cancelled sendAsync.
      discard(attempt);
      return CompletableFuture.failedFuture(new CancellationException());
    }
    byte[] held = attempt.heldBytes();
    if (held == null) {
      if (attempt.headers == attempt.response.headers()) {
        return CompletableFuture.completedFuture(attempt.response);
      }
      return CompletableFuture.completedFuture(new ReplayedResponse<>(attempt.status, attempt.headers,
          attempt.response.body(), original, attempt.version(), attempt.sslSession()));
    }
    return BodyReplay.through(appHandler, attempt.status, attempt.headers, attempt.version(), held,
            attempt.unreadRest())
        .thenApply(body -> new ReplayedResponse<>(attempt.status, attempt.headers, body, original, attempt.version(),
            attempt.sslSession()));
  }

}
