package dev.airbag.agent.engine.call;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What makes two requests the same re-send: endpoint, method, path and the SHA-256 of the body bytes. The digest
 * stands for the body so that a remembered failure never keeps the prompt itself (up to 8 MiB) alive for its whole
 * window; two different bodies with one digest are, for SHA-256, not a case to plan for. Immutable.
 */
final class ReplayKey {
  private final String endpoint;
  private final String method;
  private final String path;
  private final int bodyLength;
  private final byte[] digest;
  private final int hash;

  private ReplayKey(String endpoint, String method, String path, int bodyLength, byte[] digest) {
    this.endpoint = endpoint;
    this.method = method;
    this.path = path;
    this.bodyLength = bodyLength;
    this.digest = digest;
    this.hash = Objects.hash(endpoint, method, path, bodyLength) * 31 + Arrays.hashCode(digest);
  }

  /** The key of a request whose body Airbag read (never null here). */
  static ReplayKey of(CallRequest request) {
    byte[] body = request.body();
    return new ReplayKey(request.endpoint().name(), request.method(), request.path(), body.length, sha256(body));
  }

  /** Bytes this key holds beyond the shared endpoint and method names. */
  long retainedBytes() {
    return 2L * (path == null ? 0 : path.length()) + digest.length;
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException everyJdkHasIt) {
      // Every Java platform must provide SHA-256 (MessageDigest's own contract).
      throw new IllegalStateException(everyJdkHasIt);
    }
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ReplayKey)) {
      return false;
    }
    ReplayKey key = (ReplayKey) other;
    return hash == key.hash && bodyLength == key.bodyLength && endpoint.equals(key.endpoint)
        && method.equals(key.method) && Objects.equals(path, key.path) && Arrays.equals(digest, key.digest);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
