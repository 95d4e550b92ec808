package dev.airbag.agent.telemetry.metrics;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which {@code Host} headers the scrape endpoint answers: loopback names, IP literals, the configured bind host and
 * this machine's own name. A page in a browser that rebinds its DNS name to 127.0.0.1 still sends its own name, so
 * it cannot read /metrics or /health. Immutable and thread-safe.
 */
final class AllowedHosts {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final String bindHost;

  AllowedHosts(String bindHost) {
    this.bindHost = bindHost == null ? "" : bindHost.toLowerCase(Locale.ROOT);
  }

  /** True when the Host header (with or without a port) names this endpoint; an absent one (HTTP/1.0) passes. */
  boolean allows(String hostHeader) {
    if (hostHeader == null) {
      return true;
    }
    String host = withoutPort(hostHeader.trim().toLowerCase(Locale.ROOT));
    if (host.isEmpty()) {
      return false;
    }
    // An IP literal is no DNS name, so no rebinding: the page is then the endpoint's own origin.
    if (host.startsWith("[") || IPV4.matcher(host).matches()) {
      return true;
    }
    if (host.equals("localhost") || host.endsWith(".localhost") || host.equals(bindHost)) {
      return true;
    }
    return host.equals(localName());
  }

  private static String withoutPort(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? "" : host.substring(0, close + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  private static String localName() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (Exception unknown) {
      // No name for this machine: only loopback and IP literals are answered.
      return "";
    }
  }
}
