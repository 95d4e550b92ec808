package dev.airbag.agent.instrument.reactornetty.adapter;

import dev.airbag.agent.engine.call.AsyncExchange;
import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.InternalFailure;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.instrument.LlmTraffic;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;

/**
 * Lends the engine one Reactor Netty call, made when the app subscribes. Each attempt is a subscription to the
 * client's own connect, answered when the response's headers arrive, so the app's subscriber gets the connection of
 * the attempt the engine chose and reads its body (a stream included) as it would without Airbag. The first attempt
 * runs the app's sender, whose request is held until the engine has its body ({@link HeldRequest}); later ones send
 * that body again (with another model when falling back), or run the app's sender again when it was not captured.
 * Waits are the engine's scheduled ones: no thread, and never an event loop, sleeps. Cancelling the app's subscription
 * cancels the attempt in flight. The engine drives it one step at a time, from whichever thread completed the last.
 */
final class NettyCall implements AsyncExchange<NettyAttempt> {
  private static final long MADE_UP_WAIT_MILLIS = 10_000;

  private final LlmTraffic traffic;
  private final HttpClient client;
  private final Endpoint endpoint;
  private final RequestTarget target;
  private final MonoSink<Connection> sink;
  private final HeldRequest held;
  private final AtomicBoolean begun = new AtomicBoolean();
  private volatile AttemptSubscription first;
  private volatile AttemptSubscription current;
  private volatile boolean firstSent;
  private volatile boolean canceled;
  private volatile Disposable ownAfterFailure;

  NettyCall(LlmTraffic traffic, HttpClient client, Endpoint endpoint, RequestTarget target,
      MonoSink<Connection> sink) {
    this.traffic = traffic;
    this.client = client;
    this.endpoint = endpoint;
    this.target = target;
    this.sink = sink;
    this.held = new HeldRequest(traffic.maxRequestBodyBytes());
  }

  /** Starts the first attempt; the engine takes over once its request is held (or it failed before). */
  void start() {
    sink.onCancel(this::cancel);
    first = prepared(client, held);
    // Told before the request can be written: the engine then runs on the event loop as the request is held, and
    // sends it from there, not from the app's thread through the loop's queue (a wake-up on the happy path).
    held.captured().thenRun(this::begin);
    first.answer().whenComplete((attempt, failure) -> {
      if (failure != null) {
        begin();
      }
    });
    first.subscribe();
  }

  private void begin() {
    if (!begun.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<NettyAttempt> answer;
    try {
      answer = traffic.executeAsync(callRequest(held.captured().getNow(null)), this);
    } catch (InternalFailure alreadyReported) {
      recover();
      return;
    } catch (Throwable bug) {
      traffic.internalError("the Reactor Netty call", bug);
      recover();
      return;
    }
    answer.whenComplete((attempt, failure) -> {
      if (failure == null) {
        toApp(attempt);
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof InternalFailure) {
        recover();
      } else {
        sink.error(NettyFailure.original(cause));
      }
    });
  }

  private CallRequest callRequest(CapturedRequest captured) {
    byte[] body = captured == null ? null : captured.body;
    HttpHeaders headers = captured != null ? captured.headers : client.configuration().headers();
    String accept = headers.get(HttpHeaderNames.ACCEPT);
    boolean acceptsStream = accept != null && accept.contains("text/event-stream");
    String note = captured == null ? "the first attempt failed before its request was written; not read"
        : body == null
            ? "request body is larger than " + traffic.maxRequestBodyBytes() + " bytes; passed through unread"
        : null;
    String method = captured != null ? captured.method : client.configuration().method().name();
    return CallRequest.of(endpoint, method, target.safeUrl, target.path, body, true, acceptsStream, note)
        .with(new NettyRequestHeaders(headers), target.uri.getRawQuery(), 0);
  }

  @Override
  public void sendAsync(AttemptRequest attempt, CompletableFuture<NettyAttempt> answer) {
    CapturedRequest captured = held.captured().getNow(null);
    if (!firstSent) {
      firstSent = true;
      if (captured != null) {
        held.send(attempt.body(), attempt.path() == null ? null : pathAndQuery(attempt.path()));
      }
      first.timeOutAfter(attempt.firstByteTimeoutMillis());
      AsyncExchange.relay(first.answer(), answer);
      return;
    }
    HttpClient base = client;
    byte[] body = attempt.body() != null ? attempt.body() : captured == null ? null : captured.body;
    String path = attempt.path();
    HttpClient.RequestSender sender = (HttpClient.RequestSender) base;
    if (path != null) {
      URI uri = target.uri;
      sender = sender.uri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + pathAndQuery(path)));
    }
    // Without a captured body, the app's own sender writes the request again, as on a redirect.
    AttemptSubscription sent =
        attempt(body == null ? (HttpClient) sender : (HttpClient) sender.send(resend(captured.headers, body)), null);
    sent.timeOutAfter(attempt.firstByteTimeoutMillis());
    AsyncExchange.relay(sent.answer(), answer);
  }

  private String pathAndQuery(String path) {
    String query = target.uri.getRawQuery();
    return path + (query == null ? "" : "?" + query);
  }

  private static BiFunction<HttpClientRequest, NettyOutbound, Publisher<Void>> resend(HttpHeaders captured,
      byte[] body) {
    return (request, outbound) -> {
      HttpHeaders headers = request.requestHeaders();
      headers.set(captured);
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
      headers.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      return outbound.send(Mono.just(Unpooled.wrappedBuffer(body)));
    };
  }

  private AttemptSubscription attempt(HttpClient base, HeldRequest hold) {
    AttemptSubscription attempt = prepared(base, hold);
    attempt.subscribe();
    return attempt;
  }

  private AttemptSubscription prepared(HttpClient base, HeldRequest hold) {
    AttemptSubscription attempt =
        new AttemptSubscription(base, hold, traffic.maxErrorBodyBytes(), sink.contextView());
    current = attempt;
    return attempt;
  }

  /** Airbag failed before anything came back: the call goes on as without it. */
  private void recover() {
    if (!firstSent) {
      firstSent = true;
      held.send(null, null);
      first.answer().whenComplete((attempt, failure) -> {
        if (failure != null) {
          sink.error(NettyFailure.original(failure));
        } else {
          sink.success((Connection) attempt.response);
        }
      });
      return;
    }
    ownAfterFailure = ConnectHook.clientsOwn(client).contextWrite(sink.contextView())
        .subscribe(response -> sink.success((Connection) response), sink::error, sink::success);
  }

  private void toApp(NettyAttempt attempt) {
    if (!firstSent) {
      // Answered without the network: the held request never leaves.
      firstSent = true;
      first.cancel();
    }
    if (attempt.isMadeUp()) {
      serveMadeUp(attempt);
      return;
    }
    if (canceled) {
      discard(attempt);
      return;
    }
    sink.success((Connection) attempt.response);
  }

  /**
   * Gives the app Airbag's made-up answer as a real response, through Reactor Netty's own response path: Reactor
   * Netty has no response without a connection, so one attempt of the app's client (its hooks and pool, without its
   * proxy, its TLS, its sender or its headers) asks {@link LoopbackAnswers} for it. Should that fail, the app gets
   * the answer as an {@code IOException}, as before; it never waits longer than {@link #MADE_UP_WAIT_MILLIS}.
   */
  private void serveMadeUp(NettyAttempt attempt) {
    IOException unserved = new IOException("HTTP " + attempt.madeUpStatus + " from Airbag (no request sent): "
        + new String(attempt.madeUpBody == null ? new byte[0] : attempt.madeUpBody, StandardCharsets.UTF_8));
    if (canceled) {
      return;
    }
    CompletableFuture<URI> offered;
    try {
      offered = LoopbackAnswers.offer(attempt.madeUpStatus, attempt.madeUpHeaders, attempt.madeUpBody);
    } catch (Throwable failure) {
      unserved(failure, unserved);
      return;
    }
    offered.whenComplete((answer, failure) -> {
      if (failure != null) {
        unserved(failure, unserved);
      } else if (canceled) {
        LoopbackAnswers.forget(answer);
      } else {
        askLoopback(answer, unserved);
      }
    });
  }

  private void askLoopback(URI answer, IOException unserved) {
    AttemptSubscription served;
    try {
      HttpClient loopback = client.noProxy().protocol(HttpProtocol.HTTP11);
      HttpClient.ResponseReceiver<?> sender = ((HttpClient.RequestSender) loopback).uri(answer)
          .send((request, outbound) -> {
            // Nothing of the app's request goes to the responder, its credentials least of all.
            HttpHeaders headers = request.requestHeaders();
            for (String name : new ArrayList<>(headers.names())) {
              if (!HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)) {
                headers.remove(name);
              }
            }
            headers.set(HttpHeaderNames.CONTENT_LENGTH, 0);
            return outbound;
          });
      served = attempt((HttpClient) sender, null);
    } catch (Throwable failure) {
      LoopbackAnswers.forget(answer);
      unserved(failure, unserved);
      return;
    }
    served.timeOutAfter(MADE_UP_WAIT_MILLIS);
    served.answer().whenComplete((response, failure) -> {
      LoopbackAnswers.forget(answer);
      if (canceled) {
        // Nobody reads it: the app cancelled (the attempt's timeout still ends a cancelled one, and forgets).
        if (response != null) {
          discard(response);
        }
      } else if (failure != null) {
        unserved(failure, unserved);
      } else {
        sink.success((Connection) response.response);
      }
    });
  }

  /** Fail-open: the made-up answer could not be served as a response, so the app gets it as before. */
  private void unserved(Throwable failure, IOException unserved) {
    traffic.internalError("serving Airbag's answer to a Reactor Netty call", failure);
    sink.error(unserved);
  }

  private void cancel() {
    canceled = true;
    for (AttemptSubscription attempt : new AttemptSubscription[] {first, current}) {
      if (attempt != null) {
        attempt.cancel();
      }
    }
    Disposable own = ownAfterFailure;
    if (own != null) {
      own.dispose();
    }
  }

  @Override
  public NettyAttempt send(AttemptRequest attempt) throws IOException {
    // The engine drives this exchange through sendAsync only.
    throw new UnsupportedOperationException("Reactor Netty calls are asynchronous");
  }

  @Override
  public int status(NettyAttempt attempt) {
    return attempt.isMadeUp() ? attempt.madeUpStatus : attempt.response.status().code();
  }

  @Override
  public HeaderLookup headers(NettyAttempt attempt) {
    if (attempt.isMadeUp()) {
      return name -> attempt.madeUpHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }
    return name -> attempt.response.responseHeaders().get(name);
  }

  @Override
  public byte[] peekBody(NettyAttempt attempt, int maxBytes) {
    byte[] held = attempt.isMadeUp() ? attempt.madeUpBody : attempt.errorBody;
    if (held == null) {
      return new byte[0];
    }
    return held.length <= maxBytes ? held : Arrays.copyOf(held, maxBytes);
  }

  @Override
  public boolean peekCutShort(NettyAttempt attempt) {
    return attempt.watch != null && attempt.watch.cutByTime();
  }

  @Override
  public void discard(NettyAttempt attempt) {
    if (!attempt.isMadeUp()) {
      ((Connection) attempt.response).dispose();
    }
  }

  @Override
  public NettyAttempt withHeaders(NettyAttempt attempt, Map<String, String> headers) {
    if (attempt.isMadeUp()) {
      Map<String, String> merged = new HashMap<>(attempt.madeUpHeaders);
      merged.putAll(headers);
      return NettyAttempt.madeUp(attempt.madeUpStatus, merged, attempt.madeUpBody);
    }
    headers.forEach((name, value) -> attempt.response.responseHeaders().set(name, value));
    return attempt;
  }

  @Override
  public NettyAttempt synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    return NettyAttempt.madeUp(status, headers, jsonBody);
  }

  @Override
  public NettyAttempt monitorStream(NettyAttempt attempt, StreamMonitor monitor) {
    if (attempt.watch != null) {
      attempt.watch.attach(monitor);
    }
    return attempt;
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }
}
