package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.InternalFailure;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.instrument.LlmTraffic;
import dev.airbag.bootstrap.HookResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The agent's side of the {@code java.net.http} hook: recognises LLM calls and runs them through the engine, in
 * the calling thread for {@code send} and without blocking for {@code sendAsync}. Returns null (run the original)
 * for every other call and whenever preparing a call fails. Thread-safe.
 */
public final class JdkHttpHook {
  private final LlmTraffic traffic;

  public JdkHttpHook(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  public HookResult send(Object client, Object request, Object handler) {
    Prepared prepared = prepare(client, request, handler);
    if (prepared == null) {
      return null;
    }
    try {
      JdkAttempt attempt = traffic.execute(prepared.call, prepared.exchange);
      return HookResult.value(BodyReplay.now(prepared.exchange.toApp(attempt), attempt.unreadRest()));
    } catch (InterruptedSend interrupted) {
      return HookResult.failure(interrupted.original());
    } catch (IOException failure) {
      return HookResult.failure(failure);
    } catch (InternalFailure alreadyReported) {
      return asOriginal(prepared.exchange);
    } catch (Throwable bug) {
      traffic.internalError("the java.net.http hook", bug);
      return asOriginal(prepared.exchange);
    }
  }

  public CompletableFuture<?> sendAsync(Object client, Object request, Object handler) {
    Prepared prepared = prepare(client, request, handler);
    if (prepared == null) {
      return null;
    }
    CompletableFuture<HttpResponse<Object>> app = new CompletableFuture<>();
    prepared.exchange.cancelledWith(app);
    try {
      traffic.executeAsync(prepared.call, prepared.exchange)
          .thenCompose(prepared.exchange::toApp)
          .whenComplete((response, failure) -> {
            if (failure != null && unwrap(failure) instanceof InternalFailure) {
              sendOriginal(prepared.exchange, app);
            } else {
              complete(app, response, failure);
            }
          });
    } catch (InternalFailure alreadyReported) {
      return asOriginalAsync(prepared.exchange, app);
    } catch (Throwable bug) {
      traffic.internalError("the java.net.http hook", bug);
      return asOriginalAsync(prepared.exchange, app);
    }
    return app;
  }

  /**
   * Fail-open for send: null runs the app's own request, unless Airbag consumed its body; then the same request once,
   * with the body Airbag read.
   */
  private static HookResult asOriginal(JdkExchange exchange) {
    if (!exchange.ownsBody()) {
      return null;
    }
    try {
      JdkAttempt attempt = exchange.send(AttemptRequest.original());
      return HookResult.value(BodyReplay.now(exchange.toApp(attempt), attempt.unreadRest()));
    } catch (InterruptedSend interrupted) {
      return HookResult.failure(interrupted.original());
    } catch (IOException failure) {
      return HookResult.failure(failure);
    }
  }

  private static CompletableFuture<?> asOriginalAsync(JdkExchange exchange,
      CompletableFuture<HttpResponse<Object>> app) {
    if (!exchange.ownsBody()) {
      return null;
    }
    sendOriginal(exchange, app);
    return app;
  }

  private Prepared prepare(Object client, Object request, Object handler) {
    try {
      HttpRequest httpRequest = (HttpRequest) request;
      URI uri = httpRequest.uri();
      Endpoint endpoint = traffic.match(uri.getScheme(), uri.getHost(), port(uri), uri.getRawPath() == null ? "" : uri.getRawPath());
      if (endpoint == null) {
        return null;
      }
      JdkRequestBodies.Captured body = JdkRequestBodies.capture(httpRequest, traffic.needsBody(),
          traffic.maxRequestBodyBytes());
      boolean acceptsStream = httpRequest.headers().firstValue("Accept").orElse("").contains("text/event-stream");
      CallRequest call = CallRequest.of(endpoint, httpRequest.method(), uri.getScheme(), uri.getHost(), port(uri),
          uri.getRawPath(), body.bytes, body.replayable, acceptsStream, body.note)
          .with(new JdkRequestHeaders(httpRequest.headers()), uri.getRawQuery(),
              JdkExchange.timeoutNanos(httpRequest));
      return new Prepared(call, new JdkExchange((HttpClient) client, httpRequest, (HttpResponse.BodyHandler<?>) handler,
          body.sent, call.streamed(), traffic.maxErrorBodyBytes()));
    } catch (Throwable bug) {
      traffic.internalError("preparing a java.net.http call", bug);
      return null;
    }
  }

  /** Airbag failed before the network answered: the app's own request, as without Airbag. */
  private static void sendOriginal(JdkExchange exchange, CompletableFuture<HttpResponse<Object>> app) {
    try {
      CompletableFuture<JdkAttempt> answer = new CompletableFuture<>();
      exchange.sendAsync(AttemptRequest.original(), answer);
      answer.thenCompose(exchange::toApp)
          .whenComplete((original, failed) -> complete(app, original, failed));
    } catch (RuntimeException | Error unsendable) {
      // Thrown inside a completion stage it would be lost, and the app's future would never complete.
      app.completeExceptionally(new IOException("the request could not be sent", unsendable));
    }
  }

  private static void complete(CompletableFuture<HttpResponse<Object>> app, HttpResponse<Object> response,
      Throwable failure) {
    if (failure == null) {
      app.complete(response);
    } else {
      app.completeExceptionally(unwrap(failure));
    }
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static final class Prepared {
    final CallRequest call;
    final JdkExchange exchange;

    Prepared(CallRequest call, JdkExchange exchange) {
      this.call = call;
      this.exchange = exchange;
    }
  }
}
