package dev.airbag.agent.engine.endpoint;

import java.util.Locale;

/**
 * An LLM endpoint Airbag watches: a name, the dialect its errors speak, and the URLs it answers on
 * (a host, or a host suffix such as {@code .openai.azure.com}, an optional port and a path prefix).
 * Immutable.
 */
public final class Endpoint {
  /** Matches any port. */
  public static final int ANY_PORT = -1;

  private final String name;
  private final Provider provider;
  private final String host;
  private final boolean hostIsSuffix;
  private final int port;
  private final String pathPrefix;

  private Endpoint(String name, Provider provider, String host, boolean hostIsSuffix, int port,
      String pathPrefix) {
    this.name = name;
    this.provider = provider;
    this.host = host.toLowerCase(Locale.ROOT);
    this.hostIsSuffix = hostIsSuffix;
    this.port = port;
    this.pathPrefix = normalisePrefix(pathPrefix);
  }

  /** An endpoint on one host. */
  public static Endpoint onHost(String name, Provider provider, String host, int port, String pathPrefix) {
    return new Endpoint(name, provider, host, false, port, pathPrefix);
  }

  /** An endpoint on every host ending with {@code suffix} (which starts with a dot). */
  public static Endpoint onHostSuffix(String name, Provider provider, String suffix) {
    return new Endpoint(name, provider, suffix, true, ANY_PORT, "");
  }

  public String name() {
    return name;
  }

  public Provider provider() {
    return provider;
  }

  /** The host, or the host suffix when {@link #hostIsSuffix()}. Lower case. */
  public String host() {
    return host;
  }

  public boolean hostIsSuffix() {
    return hostIsSuffix;
  }

  public int port() {
    return port;
  }

  /** The path every URL of the endpoint starts with; empty for any path. Never ends with a slash. */
  public String pathPrefix() {
    return pathPrefix;
  }

  /** True when this endpoint answers on the port and path (the host has already matched). */
  boolean accepts(int requestPort, String path) {
    if (port != ANY_PORT && port != requestPort) {
      return false;
    }
    if (pathPrefix.isEmpty()) {
      return true;
    }
    // "/v1" must match "/v1" and "/v1/chat" but not "/v10".
    return path.startsWith(pathPrefix)
        && (path.length() == pathPrefix.length() || path.charAt(pathPrefix.length()) == '/');
  }

  private static String normalisePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
      return "";
    }
    String withSlash = prefix.startsWith("/") ? prefix : "/" + prefix;
    return withSlash.endsWith("/") ? withSlash.substring(0, withSlash.length() - 1) : withSlash;
  }

  @Override
  public String toString() {
    String where = (hostIsSuffix ? "*" : "") + host + (port == ANY_PORT ? "" : ":" + port) + pathPrefix;
    return name + " (" + provider.wireName() + ", " + where + ")";
  }
}
