package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.engine.call.AsyncExchange;
import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.InternalFailure;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.instrument.LlmTraffic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

/**
 * Lends the engine one execution of an async request: each attempt is a fresh copy of the app's request sent down
 * the rest of the chain (the protocol handler adds its headers to what it is given) with the held body, answered when
 * its response's head arrives. A success goes to the app's callback at once, its body streaming to the app's own
 * consumer; a failure is held first ({@link HeldFailure}), so that the engine can read it and retry before the app
 * sees anything.
 * Waits are the engine's scheduled ones: no I/O reactor thread sleeps. Driven one step at a time, from whichever
 * thread completed the last.
 */
final class AsyncCall implements AsyncExchange<AsyncAttempt> {
  private final LlmTraffic traffic;
  private final HttpRequest original;
  private final String query;
  private final AsyncExecChain.Scope scope;
  private final AsyncExecChain chain;
  private final AsyncExecCallback app;
  private final AsyncRequestBody body;
  private volatile int sends;
  private volatile boolean lastFailedInTransport;
  private volatile AsyncAttempt lastSent;

  AsyncCall(LlmTraffic traffic, HttpRequest original, String query, AsyncExecChain.Scope scope, AsyncExecChain chain,
      AsyncExecCallback app, AsyncRequestBody body) {
    this.traffic = traffic;
    this.original = original;
    this.query = query;
    this.scope = scope;
    this.chain = chain;
    this.app = app;
    this.body = body;
  }

  /** Runs the call through the engine; the app's callback hears its end. */
  void start(CallRequest call) {
    CompletableFuture<AsyncAttempt> answer;
    try {
      answer = traffic.executeAsync(call, this);
    } catch (InternalFailure alreadyReported) {
      recover();
      return;
    } catch (Throwable bug) {
      traffic.internalError("the Apache HttpClient 5 async call", bug);
      recover();
      return;
    }
    answer.whenComplete(this::finish);
  }

  private void finish(AsyncAttempt attempt, Throwable failure) {
    AsyncAttempt sent = lastSent;
    if (sent != null && sent != attempt) {
      // The app gets another answer (made up, or a failure): a held body left on the connection is nobody's.
      discard(sent);
    }
    if (failure == null) {
      // A live answer was handed over by its own callback, as its head came.
      if (!attempt.live) {
        deliverWhole(attempt);
      }
      return;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof InternalFailure) {
      recover();
    } else if (cause instanceof ProtocolFailure) {
      app.failed(((ProtocolFailure) cause).cause);
    } else {
      app.failed(cause instanceof Exception ? (Exception) cause : new IOException(cause));
    }
  }

  /**
   * A held or made-up answer, replayed to the app's callback and its consumer as the client would give it; a held body
   * cut at the bound goes on from the connection as it comes.
   */
  private void deliverWhole(AsyncAttempt attempt) {
    if (isCanceled()) {
      discard(attempt);
      app.failed(new CancellationException("cancelled by the app"));
      return;
    }
    try {
      EntityDetails details = attempt.details;
      AsyncDataConsumer consumer = app.handleResponse(attempt.response, details);
      HeldFailure held = attempt.held();
      if (held != null && held.cut()) {
        Object ended = held.relayTo(consumer != null ? consumer : HeldFailure.DISCARD);
        if (ended == HeldFailure.WHOLE) {
          app.completed();
        } else if (ended != null) {
          app.failed((Exception) ended);
        }
        return;
      }
      byte[] bytes = attempt.body();
      if (consumer != null && details != null) {
        consumer.updateCapacity(increment -> { });
        if (bytes.length > 0) {
          consumer.consume(ByteBuffer.wrap(bytes));
        }
        consumer.streamEnd(null);
      }
      app.completed();
    } catch (Exception failed) {
      app.failed(failed);
    }
  }

  /** Fail-open: Airbag failed before anything came back, so the app's request goes as without it. */
  void recover() {
    try {
      chain.proceed(copy(null), body.forSend(null, sends++), scope, app);
    } catch (HttpException | IOException | RuntimeException failed) {
      app.failed(failed);
    }
  }

  @Override
  public void sendAsync(AttemptRequest request, CompletableFuture<AsyncAttempt> answer) {
    AsyncAttempt attempt = new AsyncAttempt(answer);
    if (lastFailedInTransport) {
      // As the client's retry handler does: a connection that failed is not used again.
      scope.execRuntime.discardEndpoint();
      lastFailedInTransport = false;
    }
    lastSent = attempt;
    try {
      chain.proceed(copy(request.path()), body.forSend(request.body(), sends++), scope,
          new AttemptCallback(attempt, app, this::fail, traffic.maxErrorBodyBytes()));
    } catch (IOException failed) {
      fail(attempt, failed);
    } catch (HttpException failed) {
      fail(attempt, new ProtocolFailure(failed));
    }
  }

  /** One attempt failed in transport (or in protocol, wrapped): the engine decides; its connection is not reused. */
  private void fail(AsyncAttempt attempt, IOException failure) {
    lastFailedInTransport = true;
    attempt.answer.completeExceptionally(failure);
  }

  private HttpRequest copy(String path) {
    String target = path == null ? original.getPath() : path + (query == null ? "" : "?" + query);
    BasicHttpRequest copy =
        new BasicHttpRequest(original.getMethod(), original.getScheme(), original.getAuthority(), target);
    copy.setVersion(original.getVersion());
    copy.setHeaders(original.getHeaders());
    return copy;
  }

  @Override
  public AsyncAttempt send(AttemptRequest attempt) {
    // The engine drives this exchange through sendAsync only.
    throw new UnsupportedOperationException("Apache HttpClient 5 async calls are asynchronous");
  }

  @Override
  public int status(AsyncAttempt attempt) {
    return attempt.response.getCode();
  }

  @Override
  public HeaderLookup headers(AsyncAttempt attempt) {
    HttpResponse response = attempt.response;
    return name -> {
      Header header = response.getFirstHeader(name);
      return header == null ? null : header.getValue();
    };
  }

  @Override
  public byte[] peekBody(AsyncAttempt attempt, int maxBytes) {
    byte[] held = attempt.body();
    return held.length <= maxBytes ? held : Arrays.copyOf(held, maxBytes);
  }

  @Override
  public void discard(AsyncAttempt attempt) {
    HeldFailure held = attempt.held();
    // A failure read to its end leaves its connection for the next attempt, as after the client's own retry; one cut
    // at the bound still has the rest of its body on it.
    if (held != null && held.drop()) {
      scope.execRuntime.discardEndpoint();
    }
  }

  @Override
  public AsyncAttempt withHeaders(AsyncAttempt attempt, Map<String, String> headers) {
    headers.forEach(attempt.response::setHeader);
    return attempt;
  }

  @Override
  public AsyncAttempt synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    BasicHttpResponse response = new BasicHttpResponse(status, status == 503 ? "Service Unavailable" : "Airbag");
    headers.forEach(response::setHeader);
    return AsyncAttempt.madeUp(response, new BasicEntityDetails(jsonBody.length, ContentType.APPLICATION_JSON),
        jsonBody);
  }

  @Override
  public AsyncAttempt monitorStream(AsyncAttempt attempt, StreamMonitor monitor) {
    attempt.monitor = monitor;
    return attempt;
  }

  @Override
  public boolean isCanceled() {
    return scope.cancellableDependency != null && scope.cancellableDependency.isCancelled();
  }

  /** A protocol failure of one attempt, carried through the engine as a transport failure and given as it was. */
  static final class ProtocolFailure extends IOException {
    final HttpException cause;

    ProtocolFailure(HttpException cause) {
      super(cause.getMessage(), cause);
      this.cause = cause;
    }
  }
}
