package dev.airbag.agent.instrument.urlconnection;

import dev.airbag.agent.engine.call.AttemptRequest;
import dev.airbag.agent.engine.call.Exchange;
import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.instrument.BodyReadThreads;
import dev.airbag.agent.instrument.ErrorBodyWait;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Arrays;
import java.util.Map;

/**
 * Lends the engine one {@code HttpURLConnection} call. When the app's own connection has its request written, it
 * carries the first attempt if that attempt is the app's request unchanged; every other attempt is a new connection
 * of Airbag's own with the app's settings and headers ({@link ConnectionSettings}) that sends the copied body in the
 * app's streaming mode. All of it under the re-entrancy guard so that the hooks let it pass. An error's body is read
 * up to the classification bound. Used by one thread at a time.
 */
final class UrlConnectionExchange implements Exchange<UrlAttempt> {
  private final ConnectionSettings settings;
  private final URL url;
  private final byte[] body;
  private final int maxErrorBytes;
  private final HttpURLConnection own;
  private final IOException ownFailure;
  private boolean sent;
  private boolean ownSent;
  private UrlAttempt last;

  /**
   * @param body the request body, null when the app wrote none
   * @param own the app's connection with its request written, or null when every attempt opens its own
   * @param ownFailure how the app's connection failed before its response could come (the first attempt's failure)
   */
  UrlConnectionExchange(ConnectionSettings settings, URL url, byte[] body, int maxErrorBytes, HttpURLConnection own,
      IOException ownFailure) {
    this.settings = settings;
    this.url = url;
    this.body = body;
    this.maxErrorBytes = maxErrorBytes;
    this.own = own;
    this.ownFailure = ownFailure;
  }

  @Override
  public UrlAttempt send(AttemptRequest attempt) throws IOException {
    boolean first = !sent;
    sent = true;
    if (first && (own != null || ownFailure != null) && attempt.body() == null && attempt.path() == null
        && attempt.firstByteTimeoutMillis() == 0) {
      return sendOnOwn();
    }
    byte[] bytes = attempt.body() != null ? attempt.body() : body;
    URL target = attempt.path() == null ? url : withPath(url, attempt.path());
    last = null;
    ReentrancyGuard.enter();
    try {
      HttpURLConnection connection = settings.open(target, bytes != null);
      long firstByte = attempt.firstByteTimeoutMillis();
      if (firstByte > 0) {
        connection.setReadTimeout(shorter(settings.readTimeout(), firstByte));
        connection.setConnectTimeout(shorter(connection.getConnectTimeout(), firstByte));
      }
      if (bytes != null) {
        settings.sendsBody(connection, bytes.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = connection.getResponseCode();
      if (firstByte > 0) {
        // The headers came: the rest of the body gets the app's own read timeout back.
        connection.setReadTimeout(settings.readTimeout());
      }
      last = UrlAttempt.read(connection, false, status, maxErrorBytes, ErrorBodyWait.nanos(Long.MAX_VALUE),
          BodyReadThreads.executor());
      return last;
    } finally {
      ReentrancyGuard.exit();
    }
  }

  /** The first attempt, on the app's connection: its request went out (or goes out now) as the app wrote it. */
  private UrlAttempt sendOnOwn() throws IOException {
    ownSent = true;
    last = null;
    if (ownFailure != null) {
      throw ownFailure;
    }
    ReentrancyGuard.enter();
    try {
      last = UrlAttempt.read(own, true, own.getResponseCode(), maxErrorBytes, ErrorBodyWait.nanos(Long.MAX_VALUE),
          BodyReadThreads.executor());
      return last;
    } finally {
      ReentrancyGuard.exit();
    }
  }

  /**
   * Once the call is over, leaves the app's connection answering for itself. When it holds the served answer, the
   * JDK's own methods give it, with the stream the engine watches or the error body Airbag read the start of put in
   * their place: true, and Airbag keeps nothing of the connection. Otherwise a connection whose request the engine
   * never read is closed, and one whose answer was not served forgets the status the JDK kept of it.
   */
  boolean settle(UrlAttempt served) {
    if (own == null) {
      return false;
    }
    ReentrancyGuard.enter();
    try {
      if (served != null && served.own) {
        if (served.status >= 400) {
          OwnConnectionState.errorStream(own, served.errorStream());
        } else if (served.monitor != null) {
          OwnConnectionState.inputStream(own, served.inputStream(url));
        }
        return true;
      }
      if (!ownSent) {
        own.disconnect();
      } else {
        OwnConnectionState.forgetResponse(own);
      }
    } catch (Throwable unexpected) {
      // The served answer is then given through the hooks, as for an answer on a connection of Airbag's own.
    } finally {
      ReentrancyGuard.exit();
    }
    return false;
  }

  /** The shorter of a timeout in which 0 means none and a positive bound. */
  private static int shorter(int timeout, long boundMillis) {
    int bound = (int) Math.min(Integer.MAX_VALUE, boundMillis);
    return timeout == 0 ? bound : Math.min(timeout, bound);
  }

  private static URL withPath(URL url, String rawPath) throws IOException {
    String query = url.getQuery();
    return new URL(url.getProtocol(), url.getHost(), url.getPort(), rawPath + (query == null ? "" : "?" + query));
  }

  @Override
  public int status(UrlAttempt response) {
    return response.status;
  }

  @Override
  public HeaderLookup headers(UrlAttempt response) {
    return response::header;
  }

  @Override
  public byte[] peekBody(UrlAttempt response, int maxBytes) {
    byte[] held = response.held();
    if (held == null) {
      return new byte[0];
    }
    return held.length <= maxBytes ? held : Arrays.copyOf(held, maxBytes);
  }

  @Override
  public boolean peekCutShort(UrlAttempt response) {
    return response.cutShort();
  }

  @Override
  public void discard(UrlAttempt response) {
    if (response == last) {
      last = null;
    }
    response.discard();
  }

  @Override
  public UrlAttempt withHeaders(UrlAttempt response, Map<String, String> headers) {
    if (response.own) {
      // The app's connection gives its own answer as the JDK read it (a fallback's never comes on it).
      return response;
    }
    return remember(response, response.withHeaders(headers));
  }

  @Override
  public UrlAttempt synthesize(int status, Map<String, String> headers, byte[] jsonBody) {
    return UrlAttempt.madeUp(status, headers, jsonBody);
  }

  @Override
  public UrlAttempt monitorStream(UrlAttempt response, StreamMonitor monitor) {
    return remember(response, response.withMonitor(monitor));
  }

  @Override
  public boolean isCanceled() {
    return false;
  }

  /** The answer the engine was holding when it failed, or null when it held none (after a bug inside Airbag). */
  UrlAttempt last() {
    return last;
  }

  private UrlAttempt remember(UrlAttempt before, UrlAttempt after) {
    if (before == last) {
      last = after;
    }
    return after;
  }
}
