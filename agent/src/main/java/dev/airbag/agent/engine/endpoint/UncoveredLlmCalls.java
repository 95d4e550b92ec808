package dev.airbag.agent.engine.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What happens to a call that looks like an LLM call ({@code /chat/completions}, {@code /v1/messages},
 * {@code :generateContent}, {@code /openai/deployments/} ...) but goes to a host no endpoint covers: by default
 * it passes unprotected and the log says so once per host, with the exact line to add, because a silent gap (an
 * endpoint declared as {@code localhost} while the app calls {@code 127.0.0.1}) is the first hour's worst
 * surprise. With {@code airbag.auto-protect} the host gets an endpoint of its own, the dialect read from
 * the path. At most {@value #MAX_HOSTS} hosts are remembered. Thread-safe.
 */
public final class UncoveredLlmCalls {
  static final int MAX_HOSTS = 64;

  private final List<Endpoint> declared;
  private final boolean autoProtect;
  private final Consumer<String> log;
  /** Host:port to its automatic endpoint, or to {@link #WARNED} when it was only reported. */
  private final Map<String, Endpoint> seen = new ConcurrentHashMap<>();
  private static final Endpoint WARNED = Endpoint.onHost("-", Provider.OPENAI, "-", 0, "");

  public UncoveredLlmCalls(List<Endpoint> declared, boolean autoProtect, Consumer<String> log) {
    this.declared = List.copyOf(declared);
    this.autoProtect = autoProtect;
    this.log = log;
  }

  /**
   * The endpoint that now protects this call (auto-protect), or null: the call passes as without Airbag. Costs a
   * few substring checks on a call that is not an LLM call.
   */
  public Endpoint onUncovered(String scheme, String host, int port, String path) {
    Provider dialect = dialectOf(path);
    if (dialect == null || host == null) {
      return null;
    }
    String key = host.toLowerCase(Locale.ROOT) + ":" + port;
    Endpoint known = seen.get(key);
    if (known != null) {
      return known == WARNED ? null : known;
    }
    if (seen.size() >= MAX_HOSTS) {
      return null;
    }
    Endpoint endpoint = autoProtect ? Endpoint.onHost(autoName(host, port), dialect, host, port, "") : WARNED;
    if (seen.putIfAbsent(key, endpoint) == null) {
      log.accept(message(scheme, host, port, path, dialect));
    }
    Endpoint winner = seen.get(key);
    return winner == WARNED ? null : winner;
  }

  /** The dialect an LLM-looking path speaks, or null when the path is not an LLM call. */
  static Provider dialectOf(String path) {
    if (path == null) {
      return null;
    }
    if (path.contains("/openai/deployments/")) {
      return Provider.AZURE_OPENAI;
    }
    if (path.contains(":generateContent") || path.contains(":streamGenerateContent")) {
      return Provider.GEMINI;
    }
    if (path.endsWith("/v1/messages")) {
      return Provider.ANTHROPIC;
    }
    if (path.endsWith("/chat/completions") || path.endsWith("/v1/completions") || path.endsWith("/v1/responses")) {
      return Provider.OPENAI;
    }
    return null;
  }

  private String message(String scheme, String host, int port, String path, Provider dialect) {
    String base = scheme + "://" + host + ":" + port + basePath(path, dialect);
    String name = host.replaceAll("[^A-Za-z0-9]", "-").replaceAll("-+", "-");
    String alias = aliasOf(host, port);
    String lines = "airbag.endpoint." + name + ".url=" + base
        + (dialect == Provider.OPENAI ? "" : " and airbag.endpoint." + name + ".provider=" + dialect.wireName());
    if (autoProtect) {
      return "a call to " + scheme + "://" + host + ":" + port + path + " looks like an LLM call (" + dialect.wireName()
          + ") to a host no endpoint covers; protecting it as endpoint '" + autoName(host, port) + "'"
          + " (airbag.auto-protect=true). To name it, add: " + lines;
    }
    return "a call to " + scheme + "://" + host + ":" + port + path + " looks like an LLM call (" + dialect.wireName()
        + ") but no endpoint covers " + host + ":" + port + ", so Airbag leaves it unprotected"
        + (alias == null ? "" : "; an endpoint is declared for " + alias + ", which is the same machine under"
            + " another name, and Airbag matches names as written")
        + ". To protect it, add: " + lines + " (or set airbag.auto-protect=true). Said once per host.";
  }

  /** The declared loopback endpoint this loopback host is another name for, or null. */
  private String aliasOf(String host, int port) {
    if (!isLoopback(host)) {
      return null;
    }
    for (Endpoint endpoint : declared) {
      if (!endpoint.hostIsSuffix() && isLoopback(endpoint.host())
          && (endpoint.port() == port || endpoint.port() == Endpoint.ANY_PORT)) {
        return endpoint.host() + (endpoint.port() == Endpoint.ANY_PORT ? "" : ":" + endpoint.port());
      }
    }
    return null;
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /** The part of the path before the API's own, e.g. {@code /v1} for {@code /v1/chat/completions}. */
  private static String basePath(String path, Provider dialect) {
    int cut;
    switch (dialect) {
      case AZURE_OPENAI:
        cut = path.indexOf("/openai/deployments/");
        break;
      case GEMINI:
        cut = path.indexOf("/models/");
        break;
      case ANTHROPIC:
        cut = path.lastIndexOf("/v1/messages");
        break;
      default:
        cut = path.endsWith("/chat/completions") ? path.length() - "/chat/completions".length()
            : path.lastIndexOf('/');
    }
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  private static String autoName(String host, int port) {
    return "auto-" + host.toLowerCase(Locale.ROOT) + "-" + port;
  }
}
