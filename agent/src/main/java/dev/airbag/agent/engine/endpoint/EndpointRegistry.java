package dev.airbag.agent.engine.endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers, for every outbound HTTP call, whether it goes to a watched LLM endpoint. A call to any other host
 * costs one hash lookup (plus a suffix check when suffix endpoints exist). Immutable and thread-safe.
 */
public final class EndpointRegistry {
  private final Map<String, List<Endpoint>> byHost = new HashMap<>();
  private final List<Endpoint> bySuffix = new ArrayList<>();
  private final List<Endpoint> all;

  /**
   * User-declared endpoints come first, so that they win over a preset on the same host and path. On one host the
   * longest path prefix wins ({@code /v1/messages} before {@code /v1}).
   */
  public EndpointRegistry(List<Endpoint> endpoints) {
    this.all = Collections.unmodifiableList(new ArrayList<>(endpoints));
    for (Endpoint endpoint : endpoints) {
      if (endpoint.hostIsSuffix()) {
        bySuffix.add(endpoint);
      } else {
        byHost.computeIfAbsent(endpoint.host(), h -> new ArrayList<>()).add(endpoint);
      }
    }
    for (List<Endpoint> onHost : byHost.values()) {
      onHost.sort(Comparator.comparingInt((Endpoint e) -> e.pathPrefix().length()).reversed());
    }
  }

  public List<Endpoint> endpoints() {
    return all;
  }

  /** The endpoint a request goes to, or null when it is not an LLM call. {@code port} is the effective port. */
  public Endpoint match(String host, int port, String path) {
    if (host == null) {
      return null;
    }
    String normalised = host.toLowerCase(Locale.ROOT);
    List<Endpoint> candidates = byHost.get(normalised);
    if (candidates != null) {
      for (Endpoint endpoint : candidates) {
        if (endpoint.accepts(port, path)) {
          return endpoint;
        }
      }
    }
    for (Endpoint endpoint : bySuffix) {
      if (normalised.endsWith(endpoint.host()) && endpoint.accepts(port, path)) {
        return endpoint;
      }
    }
    return null;
  }
}
