package dev.airbag.agent.instrument.urlconnection;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.InternalFailure;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.instrument.LlmTraffic;
import dev.airbag.bootstrap.HookResult;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The agent's side of the {@code HttpURLConnection} hooks. A connection whose URL is not an LLM endpoint is never
 * remembered and every hook answers null for it: its methods run untouched. A connection to an endpoint is watched
 * ({@link WatchedConnection}) from its first header. The app's connection opens and writes its own request, with a
 * copy of the body kept, and its first read runs the call through the engine, whose first attempt is that request:
 * when it succeeds the app's connection answers for itself, and only a retry or a fallback opens a connection of
 * Airbag's own. With a first-byte timeout, which the app's open connection cannot take, the app's connection stays
 * unconnected and every attempt is Airbag's; so too while a circuit of the endpoint refuses calls, so that nothing
 * reaches the provider before the engine decides. When Airbag cannot run the call (settings it cannot copy, a body
 * past the bound, a bug), the app's connection makes its own request, as without Airbag. Thread-safe.
 */
public final class UrlConnectionHook {
  /** Skips a void method. */
  private static final HookResult SKIP = HookResult.value(null);

  private final LlmTraffic traffic;
  private final ConnectionSettings.TransportReader transport;
  // Weak keys: a connection the app drops without reading is forgotten with it.
  private final Map<Object, WatchedConnection> watched = Collections.synchronizedMap(new WeakHashMap<>());
  private final ConnectionMemo memo = new ConnectionMemo();

  public UrlConnectionHook(LlmTraffic traffic) {
    this(traffic, ConnectionSettings.TransportReader.JDK);
  }

  UrlConnectionHook(LlmTraffic traffic, ConnectionSettings.TransportReader transport) {
    this.traffic = traffic;
    this.transport = transport;
  }

  /** One hooked method of {@code connection}: the answer for the app, or null to run the method itself. */
  public HookResult on(String method, Object connection, Object argument, Object value) {
    switch (method) {
      case "setRequestProperty":
      case "addRequestProperty":
        WatchedConnection headed = watch(connection);
        if (headed != null && argument != null) {
          headed.settings.header(method, (String) argument, (String) value);
        }
        return null;
      case "getOutputStream":
        return output(connection);
      case "openedOutputStream":
        return opened(connection, argument, (Throwable) value);
      case "connect":
        // The app's connection connects when its getOutputStream runs: as late as without Airbag for a streamed body,
        // and never at all when Airbag makes every attempt on connections of its own.
        if (!((HttpURLConnection) connection).getDoOutput()) {
          return null;
        }
        WatchedConnection connecting = watch(connection);
        return connecting != null && !connecting.opening() ? SKIP : null;
      case "disconnect":
        // Still watched: the JDK's getters keep answering from a disconnected connection, where the app's own, never
        // connected, would try to send its request (and throw). The weak key forgets it once the app drops it.
        WatchedConnection gone = known(connection);
        if (gone != null) {
          gone.disconnect();
        }
        return null;
      case "getErrorStream":
        WatchedConnection read = known(connection);
        // Before the call has run the JDK answers null, and asking for the error stream sends nothing.
        return read == null || read.released() || !read.ran() ? null : read.answer(method, argument);
      default:
        return response(method, connection, argument);
    }
  }

  private HookResult output(Object connection) {
    HttpURLConnection app = (HttpURLConnection) connection;
    // Without doOutput the JDK's own method throws the app's exception.
    WatchedConnection call = app.getDoOutput() ? watch(connection) : null;
    if (call == null) {
      return null;
    }
    return call.output(traffic.maxRequestBodyBytes(), ownFirst(call.endpoint), call::release);
  }

  /**
   * Whether the app's own connection is to carry the first attempt (see the class comment). Not while a circuit of
   * the endpoint refuses calls: a streamed body goes out as the app writes it, before the engine could send the call
   * to a fallback or fail it fast, and an open circuit is there to spare the provider that request.
   */
  private boolean ownFirst(Endpoint endpoint) {
    return !traffic.timesFirstByte() && OwnConnectionState.available() && !traffic.anyCircuitRefuses(endpoint);
  }

  /** The JDK's own getOutputStream ran on a watched connection: the stream the app gets instead, or null. */
  private HookResult opened(Object connection, Object stream, Throwable thrown) {
    WatchedConnection call = known(connection);
    if (call == null || call.released()) {
      return null;
    }
    return call.opened(stream, thrown, traffic.maxRequestBodyBytes(), call::release);
  }

  private HookResult response(String method, Object connection, Object argument) {
    WatchedConnection call = known(connection);
    if (call == null || call.released()) {
      return null;
    }
    if (!call.ran()) {
      if (!call.holdsBody()) {
        // No body (a GET such as a model list) or one past the bound: the app's connection makes its own request.
        call.release();
        return null;
      }
      if (!run((HttpURLConnection) connection, call)) {
        return null;
      }
    }
    return call.answer(method, argument);
  }

  /**
   * Runs the call through the engine; false when the app's connection answers for itself: it holds the served
   * answer, or it is to send its own request instead.
   */
  private boolean run(HttpURLConnection app, WatchedConnection call) {
    UrlConnectionExchange exchange = null;
    try {
      if (!call.settings.readFrom(app, transport)) {
        return sendAsTheApp(app, call);
      }
      URL url = app.getURL();
      byte[] body = call.bodyBytes();
      String accept = call.settings.first("Accept");
      boolean acceptsStream = accept != null && accept.contains("text/event-stream");
      CallRequest request = CallRequest.of(call.endpoint, call.settings.method(true), url.getProtocol(), url.getHost(),
          port(url), path(url), body, true, acceptsStream, null).with(call.settings, url.getQuery(), 0);
      exchange = new UrlConnectionExchange(call.settings, url, body, traffic.maxErrorBodyBytes(), call.own(),
          call.ownFailure());
      return serve(app, call, exchange, traffic.execute(request, exchange));
    } catch (IOException transportFailure) {
      if (exchange != null) {
        exchange.settle(null);
      }
      call.failed(transportFailure);
      return true;
    } catch (Throwable bug) {
      if (!(bug instanceof InternalFailure)) {
        traffic.internalError("the HttpURLConnection hook", bug);
      }
      UrlAttempt held = exchange == null ? null : exchange.last();
      return held != null ? serve(app, call, exchange, held) : sendAsTheApp(app, call);
    }
  }

  /** Gives the app {@code answer}; false when its own connection holds it and answers for itself. */
  private boolean serve(HttpURLConnection app, WatchedConnection call, UrlConnectionExchange exchange,
      UrlAttempt answer) {
    if (exchange.settle(answer)) {
      // Nothing of the connection is kept (see OwnConnectionState); released, a state a memo still holds is the map's
      // miss too.
      call.release();
      watched.remove(app);
      return false;
    }
    call.served(answer);
    return true;
  }

  private boolean sendAsTheApp(HttpURLConnection app, WatchedConnection call) {
    call.release();
    try {
      call.sendAsTheApp();
    } catch (IOException | RuntimeException unsendable) {
      // The app's own read that follows meets the same failure on its connection, as without Airbag.
    }
    return false;
  }

  /** The watched state of a connection to an LLM endpoint, made on first sight; null for any other connection. */
  private WatchedConnection watch(Object connection) {
    Object noted = memo.get(connection);
    if (noted == ConnectionMemo.NOT_LLM) {
      return null;
    }
    WatchedConnection known = noted != null ? (WatchedConnection) noted : known(connection);
    if (known != null) {
      // A released connection is the app's own again, and never watched anew.
      return known.released() ? null : known;
    }
    HttpURLConnection app = (HttpURLConnection) connection;
    URL url = app.getURL();
    Endpoint endpoint = traffic.match(url.getProtocol(), url.getHost(), port(url), path(url));
    if (endpoint == null) {
      memo.put(connection, ConnectionMemo.NOT_LLM);
      return null;
    }
    WatchedConnection made = watched.computeIfAbsent(connection, key -> new WatchedConnection(app, endpoint));
    memo.put(connection, made);
    return made;
  }

  /** The connection's watched state, or null: this thread's memo first, else the map (then memoized). */
  private WatchedConnection known(Object connection) {
    Object noted = memo.get(connection);
    if (noted != null) {
      return noted == ConnectionMemo.NOT_LLM ? null : (WatchedConnection) noted;
    }
    WatchedConnection known = watched.get(connection);
    if (known != null) {
      memo.put(connection, known);
    }
    return known;
  }

  private static int port(URL url) {
    return url.getPort() != -1 ? url.getPort() : url.getDefaultPort();
  }

  private static String path(URL url) {
    return url.getPath().isEmpty() ? "/" : url.getPath();
  }
}
