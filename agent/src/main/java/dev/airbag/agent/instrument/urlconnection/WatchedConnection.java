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
 * One app connection to an LLM endpoint, from its first header to its last read. Airbag records the headers as the
 * app sets them and keeps a copy of the body it writes through its own connection ({@link CopiedBody}), or holds the
 * body while the connection stays unconnected ({@link CapturedBody}: the connection could not open, or every attempt
 * is Airbag's). At the first read of the response the engine runs the call, and unless the app's connection got the
 * answer that served (it then answers for itself and is no longer watched), the app's connection answers from that
 * response (or throws the failure that ended the call), as the JDK's own methods would. Used by the app's thread,
 * one at a time, like the connection itself.
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
  /** The body Airbag holds while the app's connection stays unconnected (every attempt on a connection of its own). */
  private CapturedBody body;
  /** The app's own body stream with its copy, when the app's connection carries the first attempt. */
  private CopiedBody copied;
  /** The JDK's own getOutputStream is running: its connect is the app's, not one to skip. */
  private boolean opening;
  /** How the app's connection failed to open its body stream: the first attempt's failure. */
  private IOException openFailure;
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

  /**
   * The stream the app writes its body to, the same one on every call, as the JDK's. Null when the JDK's own method
   * is to run: the app's connection then carries the first attempt, and {@link #opened} hears how it went.
   */
  HookResult output(int maxBytes, boolean ownFirst, Runnable onSpill) {
    if (ran) {
      return HookResult.failure(new ProtocolException("Cannot write output after reading input."));
    }
    if (copied != null) {
      return HookResult.value(copied);
    }
    if (body == null) {
      if (ownFirst) {
        opening = true;
        return null;
      }
      capture(maxBytes, onSpill);
    }
    return HookResult.value(body);
  }

  /**
   * The JDK's own getOutputStream returned {@code stream} or threw {@code thrown}: the app gets the stream with a
   * copy kept. When the connection could not be opened (refused, timed out, a failed handshake) the failure is the
   * first attempt's and the body is held for the attempts after it, as when Airbag opens every connection itself.
   * Null leaves the JDK's answer to the app.
   */
  HookResult opened(Object stream, Throwable thrown, int maxBytes, Runnable onSpill) {
    if (!opening) {
      return null;
    }
    opening = false;
    if (thrown == null && stream instanceof OutputStream) {
      copied = new CopiedBody((OutputStream) stream, maxBytes);
      return HookResult.value(copied);
    }
    if (thrown instanceof IOException && !(thrown instanceof ProtocolException)) {
      openFailure = (IOException) thrown;
      capture(maxBytes, onSpill);
      return HookResult.value(body);
    }
    // The app's own mistake, for it to see as without Airbag.
    release();
    return null;
  }

  private void capture(int maxBytes, Runnable onSpill) {
    body = new CapturedBody(maxBytes, () -> {
      onSpill.run();
      return appOutput();
    });
  }

  boolean opening() {
    return opening;
  }

  /** The app's connection with its request written, when it carries the first attempt; else null. */
  HttpURLConnection own() {
    return copied == null ? null : app.get();
  }

  /** How the app's connection failed before its response could come, or null. */
  IOException ownFailure() {
    return openFailure != null ? openFailure : copied != null ? copied.failure() : null;
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
    return copied != null ? !copied.spilled() : body != null && !body.spilled();
  }

  byte[] bodyBytes() {
    return copied != null ? copied.bytes() : body.bytes();
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
    if (body == null || openFailure != null) {
      // The app's connection has its body already, or failed to take it and says so again when read.
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
    if (served != null && served.connection != null && !served.own) {
      ReentrancyGuard.enter();
      try {
        served.connection.disconnect();
      } finally {
        ReentrancyGuard.exit();
      }
    }
  }
}
