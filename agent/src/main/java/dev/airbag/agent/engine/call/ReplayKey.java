package dev.airbag.agent.engine.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What makes two requests the same re-send: endpoint, method, path, query, the headers that say who asks and how
 * (credentials, organisation, API version, beta flags, an idempotency key), and the body bytes. Two tenants with
 * different keys, or an SDK's request to another organisation, never share a key. Headers that change between a
 * client's own retries (its retry count, tracing, dates) are left out, or a retry would never match.
 *
 * <p>A remembered key keeps one SHA-256 over query, headers and body instead of them, so that a failure never keeps a
 * prompt (up to 8 MiB) or a credential alive for its whole window; two requests with one digest are, for SHA-256,
 * not a case to plan for. A lookup key hashes the cheap way and takes the digest only when a remembered key has the
 * same hash, so a call that matches nothing costs what it did before.
 *
 * <p>Not thread-safe: a lookup key belongs to one call; {@link #remembered()} freezes a key before it is shared.
 */
final class ReplayKey {
  /** Lower-case names of headers that differ between attempts of one logical call. */
  private static final Set<String> PER_ATTEMPT = Set.of(Resends.SDK_RETRY_COUNT.toLowerCase(Locale.ROOT),
      "x-stainless-timeout", "traceparent", "tracestate", "baggage", "b3", "x-b3-traceid", "x-b3-spanid",
      "x-b3-parentspanid", "x-b3-sampled", "x-amzn-trace-id", "sentry-trace", "x-datadog-trace-id",
      "x-datadog-parent-id", "x-datadog-sampling-priority", "date", "x-amz-date", "content-length");

  private final String endpoint;
  private final String method;
  private final String path;
  private final int hash;
  // Held only until the digest is taken; a remembered key never holds them.
  private String query;
  private List<String> headers;
  private byte[] body;
  private byte[] digest;

  private ReplayKey(String endpoint, String method, String path, String query, List<String> headers, byte[] body) {
    this.endpoint = endpoint;
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.hash = (Objects.hash(endpoint, method, path, query) * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
  }

  /** The key of a request whose body Airbag read (never null here). */
  static ReplayKey of(CallRequest request) {
    List<String> headers = new ArrayList<>();
    request.headers().forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!PER_ATTEMPT.contains(lower)) {
        headers.add(lower + ':' + value);
      }
    });
    // Clients order headers as they like; the same set is the same request.
    Collections.sort(headers);
    return new ReplayKey(request.endpoint().name(), request.method(), request.path(), request.rawQuery(), headers,
        request.body());
  }

  /** This key with its digest taken and its query, headers and body let go: the form that is kept. */
  ReplayKey remembered() {
    digest();
    return this;
  }

  /** Bytes a remembered key holds beyond the shared endpoint and method names. */
  long retainedBytes() {
    return 2L * (path == null ? 0 : path.length()) + 32;
  }

  private byte[] digest() {
    if (digest == null) {
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException everyJdkHasIt) {
        // Every Java platform must provide SHA-256 (MessageDigest's own contract).
        throw new IllegalStateException(everyJdkHasIt);
      }
      // Each part ends with a NUL, which none of them contains, so no two splits of the bytes read the same.
      sha.update(String.valueOf(query).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      for (String header : headers) {
        sha.update(header.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      sha.update((byte) 0);
      digest = sha.digest(body);
      query = null;
      headers = null;
      body = null;
    }
    return digest;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ReplayKey)) {
      return false;
    }
    ReplayKey key = (ReplayKey) other;
    return hash == key.hash && endpoint.equals(key.endpoint) && method.equals(key.method)
        && Objects.equals(path, key.path) && Arrays.equals(digest(), key.digest());
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
