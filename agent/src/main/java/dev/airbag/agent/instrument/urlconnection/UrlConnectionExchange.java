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
 * Lends the engine one {@code HttpURLConnection} call: each attempt is a new connection of Airbag's own with the
 * app's settings and headers ({@link ConnectionSettings}) that sends the captured body in the app's streaming mode,
 * under the re-entrancy guard so that the hooks let it pass. An error's body is read up to the classification bound.
 * Used by one thread at a time.
 */
final class UrlConnectionExchange implements Exchange<UrlAttempt> {
  private final ConnectionSettings settings;
  private final URL url;
  private final byte[] body;
  private final int maxErrorBytes;
  private UrlAttempt last;

  /** @param body the captured request body, null when the app wrote none */
  UrlConnectionExchange(ConnectionSettings settings, URL url, byte[] body, int maxErrorBytes) {
    this.settings = settings;
    this.url = url;
    this.body = body;
    this.maxErrorBytes = maxErrorBytes;
  }

  @Override
  public UrlAttempt send(AttemptRequest attempt) throws IOException {
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
      last = UrlAttempt.read(connection, status, maxErrorBytes, ErrorBodyWait.nanos(Long.MAX_VALUE),
          BodyReadThreads.executor());
      return last;
    } finally {
      ReentrancyGuard.exit();
    }
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
