package dev.airbag.agent.telemetry.export;

import java.nio.file.Path;
import java.security.KeyStore;

/**
 * A custom trust store for a collector with a private CA: path, password, type (default the JVM's,
 * usually PKCS12). It adds trust; it can never switch verification off. Immutable; the password is copied in
 * and never printed.
 */
public final class TrustStoreSettings {
  private final Path path;
  private final char[] password;
  private final String type;

  public TrustStoreSettings(Path path, String password, String type) {
    if (path == null) {
      throw new IllegalArgumentException("a trust store needs a path");
    }
    this.path = path.toAbsolutePath();
    this.password = password == null ? null : password.toCharArray();
    this.type = type == null || type.isBlank() ? KeyStore.getDefaultType() : type.trim();
  }

  public Path path() {
    return path;
  }

  /** A copy of the password, or null when the store has none. */
  char[] password() {
    return password == null ? null : password.clone();
  }

  public String type() {
    return type;
  }

  @Override
  public String toString() {
    return "TrustStore[" + path + ", " + type + (password == null ? "" : ", password ****") + "]";
  }
}
