package dev.airbag.agent.instrument.urlconnection;

import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.bootstrap.HookResult;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.HttpURLConnection;
import java.net.ProtocolException;

/**
 * One app connection to an LLM endpoint, from its first header to its last read. While the app sets headers and
 * writes its body, the connection itself stays unconnected: Airbag records the headers and holds the body. At the
 * first read of the response the engine runs the call on connections of its own, and from then on the app's
 * connection answers from the response that served (or throws the failure that ended the call), as the JDK's own
 * methods would. Used by the app's thread, one at a time, like the connection itself.
 */
final class WatchedConnection {
  final ConnectionSettings settings = new ConnectionSettings();
  /** Matched once, when first seen: a connection's URL does not change before it connects. */
  final Endpoint endpoint;
  /**
   * Weak: this state is the value of a weak map keyed by the app's connection, and a value that held its key strongly
   * kept every connection an app never disconnected (and its answer) for the life of the JVM. The app's own thread
   * calls in only while it holds the connection, so the reference is always there when read.
   */
  private final WeakReference<HttpURLConnection> app;
  private CapturedBody body;
  private boolean ran;
  private boolean released;
  private UrlAttempt served;
  private IOException failure;
  private InputStream input;
  private InputStream error;

  WatchedConnection(HttpURLConnection app, Endpoint endpoint) {
    this.app = new WeakReference<>(app);
    this.endpoint = endpoint;
  }

  /** The stream the app writes its body to, the same one on every call, as the JDK's. */
  HookResult output(int maxBytes, Runnable onSpill) {
    if (ran) {
      return HookResult.failure(new ProtocolException("Cannot write output after reading input."));
    }
    if (body == null) {
      body = new CapturedBody(maxBytes, () -> {
        onSpill.run();
        return appOutput();
      });
    }
    return HookResult.value(body);
  }

  /** From now on the app's connection makes its own request: Airbag no longer answers for it. */
  void release() {
    released = true;
  }

  boolean released() {
    return released;
  }

  /** True when the app wrote a body that Airbag holds: only such a call is run through the engine. */
  boolean holdsBody() {
    return body != null && !body.spilled();
  }

  byte[] bodyBytes() {
    return body.bytes();
  }

  boolean ran() {
    return ran;
  }

  void served(UrlAttempt answer) {
    ran = true;
    served = answer;
  }

  void failed(IOException thrown) {
    ran = true;
    failure = thrown;
  }

  /**
   * Hands the held body to the app connection's own stream, for the app's own request, as without Airbag (a body
   * past the bound, or a call Airbag cannot run).
   */
  void sendAsTheApp() throws IOException {
    if (body == null) {
      return;
    }
    try (OutputStream own = appOutput()) {
      own.write(body.bytes());
    }
  }

  private OutputStream appOutput() throws IOException {
    ReentrancyGuard.enter();
    try {
      return app().getOutputStream();
    } finally {
      ReentrancyGuard.exit();
    }
  }

  private HttpURLConnection app() throws IOException {
    HttpURLConnection connection = app.get();
    if (connection == null) {
      // Unreachable from the app's own call on its connection; said plainly rather than as a null pointer.
      throw new IOException("the app's connection is gone");
    }
    return connection;
  }

  /** The answer to one of the app's reading methods, once the call has run. */
  HookResult answer(String method, Object argument) {
    if (failure != null) {
      // The JDK throws a failed call's exception from getInputStream; the header methods swallow it and find none.
      return method.equals("getInputStream") ? HookResult.failure(failure) : HookResult.value(null);
    }
    switch (method) {
      case "getInputStream":
        return inputStream();
      case "getErrorStream":
        if (error == null) {
          error = served.errorStream();
        }
        return HookResult.value(error);
      case "getHeaderFields":
        return HookResult.value(served.headerFields());
      case "getHeaderFieldKey":
        return HookResult.value(served.keyAt((Integer) argument));
      default:
        return HookResult.value(argument instanceof Integer ? served.headerAt((Integer) argument)
            : served.header((String) argument));
    }
  }

  private HookResult inputStream() {
    if (input == null) {
      try {
        input = served.inputStream(app().getURL());
      } catch (IOException thrown) {
        return HookResult.failure(thrown);
      }
    }
    return HookResult.value(input);
  }

  /** The app disconnected: so does the connection that served it. */
  void disconnect() {
    if (served != null && served.connection != null) {
      ReentrancyGuard.enter();
      try {
        served.connection.disconnect();
      } finally {
        ReentrancyGuard.exit();
      }
    }
  }
}
