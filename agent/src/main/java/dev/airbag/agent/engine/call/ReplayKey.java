package dev.airbag.agent.engine.call;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What makes two requests the same re-send: endpoint, method, path and body bytes. A remembered key keeps the
 * body's SHA-256 instead of the body, so that a failure never keeps a prompt (up to 8 MiB) alive for its whole
 * window; two bodies with one digest are, for SHA-256, not a case to plan for. A lookup key hashes its body the
 * cheap way and takes the digest only when a remembered key has the same hash, so a call that matches nothing
 * costs what it did before.
 *
 * <p>Not thread-safe: a lookup key belongs to one call; {@link #remembered()} freezes a key before it is shared.
 */
final class ReplayKey {
  private final String endpoint;
  private final String method;
  private final String path;
  private final int hash;
  // Held only until the digest is taken; a remembered key never holds it.
  private byte[] body;
  private byte[] digest;

  private ReplayKey(String endpoint, String method, String path, byte[] body) {
    this.endpoint = endpoint;
    this.method = method;
    this.path = path;
    this.body = body;
    this.hash = Objects.hash(endpoint, method, path) * 31 + Arrays.hashCode(body);
  }

  /** The key of a request whose body Airbag read (never null here). */
  static ReplayKey of(CallRequest request) {
    return new ReplayKey(request.endpoint().name(), request.method(), request.path(), request.body());
  }

  /** This key with its digest taken and its body let go: the form that is kept. */
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
      try {
        digest = MessageDigest.getInstance("SHA-256").digest(body);
      } catch (NoSuchAlgorithmException everyJdkHasIt) {
        // Every Java platform must provide SHA-256 (MessageDigest's own contract).
        throw new IllegalStateException(everyJdkHasIt);
      }
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
