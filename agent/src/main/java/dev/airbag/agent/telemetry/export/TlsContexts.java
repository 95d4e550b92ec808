package dev.airbag.agent.telemetry.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSLContext a collector sink verifies its server with: the JVM's default trust, or a custom trust store.
 * There is deliberately no way to build a trust-all context. Stateless.
 */
final class TlsContexts {
  private TlsContexts() {
  }

  static SSLContext forTrustStore(TrustStoreSettings store) throws GeneralSecurityException, IOException {
    if (store == null) {
      return SSLContext.getDefault();
    }
    KeyStore keys = KeyStore.getInstance(store.type());
    char[] password = store.password();
    try (InputStream in = Files.newInputStream(store.path())) {
      keys.load(in, password);
    } finally {
      if (password != null) {
        java.util.Arrays.fill(password, '\0');
      }
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
