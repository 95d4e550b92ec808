package dev.airbag.agent.instrument.reactornetty.adapter;

import java.net.URI;

/**
 * A request URI as Airbag's hook parsed it, with the parts every call of it needs, made once per URI rather than
 * per call. Immutable.
 */
final class RequestTarget {
  final URI uri;
  final int port;
  /** The raw path, "/" when empty. */
  final String path;
  /** Scheme, host, port and path: no query, no credentials. */
  final String safeUrl;

  RequestTarget(URI uri) {
    this.uri = uri;
    this.port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    this.path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    this.safeUrl = uri.getScheme() + "://" + uri.getHost() + ":" + port + path;
  }
}
