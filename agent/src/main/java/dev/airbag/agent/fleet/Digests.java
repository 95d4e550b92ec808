package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.CircuitKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The names Airbag writes into Redis instead of what they stand for: a circuit (endpoint and model) and a
 * credential become the first 96 bits of their SHA-256, so that nothing in Redis is a secret or a model list.
 * Thread-safe (stateless).
 */
final class Digests {
  /** What a request without any credential is keyed by. */
  static final String NO_CREDENTIAL = "none";

  private Digests() {
  }

  static String circuit(CircuitKey key) {
    return hex(sha256("circuit\0" + key.endpoint() + "\0" + (key.model() == null ? "" : key.model())));
  }

  static String endpoint(String name) {
    return hex(sha256("endpoint\0" + name));
  }

  /** The digest of a request's credential values (their order kept), or {@link #NO_CREDENTIAL} for none. */
  static String credential(List<String> values) {
    return values.isEmpty() ? NO_CREDENTIAL : hex(sha256("credential\0" + String.join("\0", values)));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's own contract).
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] digest) {
    StringBuilder text = new StringBuilder(24);
    for (int i = 0; i < 12; i++) {
      text.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
    }
    return text.toString();
  }
}
