package dev.airbag.agent.telemetry.export;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where and how one collector sink posts: the full URL, auth headers ({@code airbag.export.headers}, values
 * possibly secret: never printed), gzip, an optional trust store, and timeouts. TLS verification is always on.
 * Immutable and thread-safe.
 */
public final class CollectorSettings {
  // java.net.http refuses these; failing here names the header instead of failing on every send.
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "content-encoding", "content-type");

  private final URI url;
  private final Map<String, String> headers;
  private final boolean gzip;
  private final TrustStoreSettings trustStore;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  /**
   * @param url the URL each batch is POSTed to (http or https)
   * @param headers header name to value, e.g. {@code Authorization=Bearer ...}; may be empty
   * @param trustStore extra trust for a private CA, or null for the JVM's default trust
   */
  public CollectorSettings(URI url, Map<String, String> headers, boolean gzip, TrustStoreSettings trustStore,
      Duration connectTimeout, Duration requestTimeout) {
    String scheme = url == null ? null : url.getScheme();
    if (scheme == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || url.getHost() == null) {
      throw new IllegalArgumentException("a collector URL must be http:// or https:// with a host, was " + url);
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey() == null ? "" : header.getKey().trim();
      // A control character would split the header; the JDK's error could then quote the secret value.
      if (name.isEmpty() || RESTRICTED.contains(name.toLowerCase(Locale.ROOT)) || header.getValue() == null
          || hasControlCharacter(name) || hasControlCharacter(header.getValue())) {
        throw new IllegalArgumentException("collector header '" + name + "' cannot be set");
      }
      copy.put(name, header.getValue());
    }
    this.url = url;
    this.headers = Collections.unmodifiableMap(copy);
    this.gzip = gzip;
    this.trustStore = trustStore;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /** Default timeouts: 5 s to connect, 10 s for the whole request. */
  public static CollectorSettings of(URI url, Map<String, String> headers, boolean gzip, TrustStoreSettings trust) {
    return new CollectorSettings(url, headers, gzip, trust, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  public URI url() {
    return url;
  }

  /** The headers, unmodifiable; values may be secrets. */
  public Map<String, String> headers() {
    return headers;
  }

  public boolean gzip() {
    return gzip;
  }

  /** The custom trust store, or null. */
  public TrustStoreSettings trustStore() {
    return trustStore;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** The same settings posting to another URL (the OTLP sink appends {@code /v1/logs} to its endpoint). */
  public CollectorSettings withUrl(URI other) {
    return new CollectorSettings(other, headers, gzip, trustStore, connectTimeout, requestTimeout);
  }

  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Collector[" + url + ", headers " + headers.keySet() + ", gzip " + gzip
        + (trustStore == null ? "" : ", " + trustStore) + "]";
  }
}
