package dev.airbag.agent.instrument.urlconnection;

import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.instrument.ErrorBodyStart;
import dev.airbag.agent.instrument.MonitoredInputStream;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One attempt's answer as the engine holds it and as the app's connection then serves it: the status line and
 * headers (index 0 is the status line, as {@code getHeaderField(0)} gives it), the body stream, and for an error the
 * start of its body that Airbag read to classify, followed by the rest still on the wire. Either a real response on
 * an attempt connection of Airbag's own, or one Airbag made up. Immutable apart from the streams it hands out.
 */
final class UrlAttempt {
  final HttpURLConnection connection;
  final int status;
  // Null for a success on a connection: each header is asked of it when the app asks (its own getters, which keep
  // answering after a disconnect), rather than every header copied on every call.
  private final List<String[]> headers;
  private final ErrorBodyStart errorBody;
  private final byte[] madeUpBody;
  final StreamMonitor monitor;
  /** The app's own connection carried this attempt. */
  final boolean own;

  private UrlAttempt(HttpURLConnection connection, boolean own, int status, List<String[]> headers,
      ErrorBodyStart errorBody, byte[] madeUpBody, StreamMonitor monitor) {
    this.connection = connection;
    this.own = own;
    this.status = status;
    this.headers = headers;
    this.errorBody = errorBody;
    this.madeUpBody = madeUpBody;
    this.monitor = monitor;
  }

  /**
   * The answer on {@code connection}, whose response has come: for an error, up to {@code maxErrorBytes} of its body
   * are read now, waiting at most {@code waitNanos} for them. {@code own} when it is the app's own connection.
   * Called with the re-entrancy guard held.
   */
  static UrlAttempt read(HttpURLConnection connection, boolean own, int status, int maxErrorBytes, long waitNanos,
      Executor helper) {
    if (status < 400) {
      return new UrlAttempt(connection, own, status, null, null, null, null);
    }
    List<String[]> headers = copyHeaders(connection);
    InputStream error = connection.getErrorStream();
    if (error == null) {
      return new UrlAttempt(connection, own, status, headers, null, new byte[0], null);
    }
    return new UrlAttempt(connection, own, status, headers,
        ErrorBodyStart.read(error, maxErrorBytes, waitNanos, helper), null, null);
  }

  static UrlAttempt madeUp(int status, Map<String, String> added, byte[] json) {
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {null, "HTTP/1.1 " + status + (status == 503 ? " Service Unavailable" : " Airbag")});
    headers.add(new String[] {"Content-Type", "application/json"});
    headers.add(new String[] {"Content-Length", String.valueOf(json.length)});
    return new UrlAttempt(null, false, status, headers, null, json, null).withHeaders(added);
  }

  UrlAttempt withHeaders(Map<String, String> added) {
    List<String[]> merged = new ArrayList<>();
    for (String[] header : headers()) {
      if (header[0] == null || !added.keySet().stream().anyMatch(header[0]::equalsIgnoreCase)) {
        merged.add(header);
      }
    }
    added.forEach((name, value) -> merged.add(new String[] {name, value}));
    return new UrlAttempt(connection, own, status, merged, errorBody, madeUpBody, monitor);
  }

  /** This answer, its body reported to {@code watcher} as the app reads it. */
  UrlAttempt withMonitor(StreamMonitor watcher) {
    return new UrlAttempt(connection, own, status, headers, errorBody, madeUpBody, watcher);
  }

  /** What Airbag read of an error body (or the body it made up); null for a success. */
  byte[] held() {
    return errorBody != null ? errorBody.held() : madeUpBody;
  }

  boolean cutShort() {
    return errorBody != null && errorBody.cutShort();
  }

  /** The error body as the app reads it through {@code getErrorStream()}: what was read, then the rest. */
  InputStream errorStream() {
    if (status < 400) {
      return null;
    }
    return errorBody != null ? errorBody.forApp() : new ByteArrayInputStream(madeUpBody);
  }

  /** The success body as the app reads it through {@code getInputStream()}; an error throws as the JDK does. */
  InputStream inputStream(URL appUrl) throws IOException {
    if (status >= 400) {
      if (status == 404 || status == 410) {
        throw new FileNotFoundException(appUrl.toString());
      }
      throw new IOException("Server returned HTTP response code: " + status + " for URL: " + appUrl);
    }
    InputStream stream;
    ReentrancyGuard.enter();
    try {
      stream = connection.getInputStream();
    } finally {
      ReentrancyGuard.exit();
    }
    return monitor == null ? stream : new MonitoredInputStream(stream, monitor);
  }

  /** {@code getHeaderField(name)}: the last value of that name, as the JDK's header table answers. */
  String header(String name) {
    if (name == null) {
      return null;
    }
    if (headers == null) {
      return asked(name, 0, false);
    }
    for (int i = headers.size() - 1; i >= 0; i--) {
      if (name.equalsIgnoreCase(headers.get(i)[0])) {
        return headers.get(i)[1];
      }
    }
    return null;
  }

  String headerAt(int index) {
    if (headers == null) {
      return asked(null, index, false);
    }
    return index >= 0 && index < headers.size() ? headers.get(index)[1] : null;
  }

  String keyAt(int index) {
    if (headers == null) {
      return asked(null, index, true);
    }
    return index >= 0 && index < headers.size() ? headers.get(index)[0] : null;
  }

  /**
   * {@code getHeaderFields()}: the status line under the null key, every name with its values, listed last line first
   * as the JDK's own header table lists them.
   */
  Map<String, List<String>> headerFields() {
    Map<String, List<String>> fields = new HashMap<>();
    List<String[]> lines = headers();
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] header = lines.get(i);
      fields.computeIfAbsent(header[0], name -> new ArrayList<>()).add(header[1]);
    }
    fields.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return Collections.unmodifiableMap(fields);
  }

  /** A header getter of Airbag's connection, past the hooks: by {@code name}, else the value or key at {@code index}. */
  private String asked(String name, int index, boolean key) {
    ReentrancyGuard.enter();
    try {
      return name != null ? connection.getHeaderField(name)
          : key ? connection.getHeaderFieldKey(index) : connection.getHeaderField(index);
    } finally {
      ReentrancyGuard.exit();
    }
  }

  private List<String[]> headers() {
    if (headers != null) {
      return headers;
    }
    ReentrancyGuard.enter();
    try {
      return copyHeaders(connection);
    } finally {
      ReentrancyGuard.exit();
    }
  }

  /** Every header line of a connection whose response has come, index 0 the status line; called under the guard. */
  private static List<String[]> copyHeaders(HttpURLConnection connection) {
    List<String[]> headers = new ArrayList<>();
    for (int i = 0; ; i++) {
      String key = connection.getHeaderFieldKey(i);
      String value = connection.getHeaderField(i);
      if (value == null && (key == null || i > 0)) {
        return headers;
      }
      headers.add(new String[] {key, value});
    }
  }

  /** Releases an answer the app will never see, so that its connection can be reused. */
  void discard() {
    try {
      if (errorBody != null) {
        errorBody.forApp().close();
      } else if (connection != null && status < 400) {
        ReentrancyGuard.enter();
        try {
          connection.getInputStream().close();
        } finally {
          ReentrancyGuard.exit();
        }
      }
    } catch (IOException | RuntimeException alreadyGone) {
      // Nothing left to release.
    }
  }

}
