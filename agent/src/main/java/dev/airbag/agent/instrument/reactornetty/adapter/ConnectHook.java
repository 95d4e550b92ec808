package dev.airbag.agent.instrument.reactornetty.adapter;

import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.instrument.LlmTraffic;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientConfig;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.transport.ClientTransport;

/**
 * Answers {@code HttpClientConnect.connect()} of a request to an LLM endpoint with Airbag's {@code Mono}, which runs
 * the call through the engine ({@link NettyCall}) when the app subscribes; null (the client's own) for any other
 * request, a websocket, or a URI not known before sending. Thread-safe; it keeps only the URIs it has parsed.
 */
public final class ConnectHook implements UnaryOperator<Object> {
  private static final int MAX_PARSED = 256;
  private static final RequestTarget UNPARSEABLE = new RequestTarget(URI.create("unparseable:/"));
  // The client's protected connect(), whose Mono the app's response*() wrap: null if it cannot be reached.
  private static final MethodHandle CONNECT = connectHandle();

  private final LlmTraffic traffic;
  // An app sends to a few URIs over and over: each is parsed once (the parse showed in the happy path's profile).
  private final ConcurrentHashMap<String, RequestTarget> parsed = new ConcurrentHashMap<>();

  public ConnectHook(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public Object apply(Object self) {
    if (!(self instanceof HttpClient) || !(self instanceof HttpClient.RequestSender)) {
      return null;
    }
    HttpClient client = (HttpClient) self;
    HttpClientConfig config = client.configuration();
    if (config.websocketClientSpec() != null) {
      return null;
    }
    RequestTarget target = absolute(config.uri(), config.baseUrl());
    if (target == null) {
      return null;
    }
    Endpoint endpoint = traffic.match(target.uri.getScheme(), target.uri.getHost(), target.port, target.path);
    if (endpoint == null) {
      return null;
    }
    return Mono.<Connection>create(sink -> {
      try {
        new NettyCall(traffic, client, endpoint, target, sink).start();
      } catch (Throwable bug) {
        traffic.internalError("starting a Reactor Netty call", bug);
        sink.onCancel(clientsOwn(client).contextWrite(sink.contextView())
            .subscribe(response -> sink.success((Connection) response), sink::error, sink::success));
      }
    });
  }

  /**
   * The client's own answer to its request, past Airbag's hook: the response once its headers are in. Straight from
   * its connect() where it can, without the receiver and the operators of a {@code responseConnection}.
   */
  @SuppressWarnings("unchecked")
  static Mono<? extends HttpClientResponse> responded(HttpClient client) {
    if (CONNECT == null) {
      return clientsOwn(client);
    }
    ReentrancyGuard.enter();
    try {
      // As the client's own response*() do: its connection is its response.
      return (Mono<? extends HttpClientResponse>) (Mono<?>) CONNECT.invokeExact((ClientTransport<?, ?>) client);
    } catch (RuntimeException | Error failure) {
      throw failure;
    } catch (Throwable undeclared) {
      throw new IllegalStateException(undeclared);
    } finally {
      ReentrancyGuard.exit();
    }
  }

  private static MethodHandle connectHandle() {
    try {
      return MethodHandles.privateLookupIn(ClientTransport.class, MethodHandles.lookup())
          .findVirtual(ClientTransport.class, "connect", MethodType.methodType(Mono.class));
    } catch (ReflectiveOperationException | RuntimeException unreachable) {
      return null;
    }
  }

  /** The client's own answer to its request, past Airbag's hook: the response once its headers are in. */
  static Mono<HttpClientResponse> clientsOwn(HttpClient client) {
    ReentrancyGuard.enter();
    try {
      return ((HttpClient.ResponseReceiver<?>) client)
          .responseConnection((response, connection) -> Mono.just(response)).next();
    } finally {
      ReentrancyGuard.exit();
    }
  }

  /** The request's absolute URI, as Reactor Netty resolves it against a base URL; null when it cannot tell. */
  private RequestTarget absolute(String uri, String baseUrl) {
    if (uri == null) {
      return null;
    }
    String full = uri;
    if (!uri.startsWith("http://") && !uri.startsWith("https://")) {
      if (baseUrl == null) {
        return null;
      }
      full = baseUrl + (uri.startsWith("/") || uri.isEmpty() ? uri : "/" + uri);
    }
    RequestTarget known = parsed.get(full);
    if (known == null) {
      known = parse(full);
      if (parsed.size() >= MAX_PARSED) {
        parsed.clear();
      }
      parsed.put(full, known);
    }
    return known == UNPARSEABLE ? null : known;
  }

  private static RequestTarget parse(String full) {
    try {
      URI uri = URI.create(full);
      return uri.getHost() == null ? UNPARSEABLE : new RequestTarget(uri);
    } catch (IllegalArgumentException unparseable) {
      return UNPARSEABLE;
    }
  }
}
