package dev.airbag.it.h2;

import dev.airbag.it.support.AgentConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A loopback provider that speaks HTTP/2 over TLS (h2 by ALPN, HTTP/1.1 for a client that offers nothing else):
 * a MockWebServer with a fresh certificate for {@code localhost}, which child JVMs trust through a PKCS12 trust
 * store in the test's folder ({@link #trustArgs()}), so the apps themselves know nothing of it. Not thread-safe.
 */
public final class TlsProvider implements AutoCloseable {
  public static final String PASSWORD = "airbag-it";

  public final MockWebServer server = new MockWebServer();
  private final Path trustStore;

  private TlsProvider(Path trustStore) {
    this.trustStore = trustStore;
  }

  public static TlsProvider start(Path dir) throws IOException, GeneralSecurityException {
    HeldCertificate localhost = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    Path trustStore = dir.resolve("provider-trust.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("loopback-provider", localhost.certificate());
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      store.store(out, PASSWORD.toCharArray());
    }
    TlsProvider provider = new TlsProvider(trustStore);
    HandshakeCertificates certificates = new HandshakeCertificates.Builder().heldCertificate(localhost).build();
    provider.server.useHttps(certificates.sslSocketFactory(), false);
    provider.server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    provider.server.start();
    return provider;
  }

  /** {@code https://localhost:PORT} + path. */
  public String url(String path) {
    return "https://localhost:" + server.getPort() + path;
  }

  /** The PKCS12 trust store holding this server's certificate, with {@link #PASSWORD}. */
  public Path trustStore() {
    return trustStore;
  }

  /** The JVM options that make a child trust this server, and nothing else changed. */
  List<String> trustArgs() {
    return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }

  /** Airbag watching this server as an OpenAI-compatible endpoint. */
  public AgentConfig config(Path dir) {
    return AgentConfig.in(dir).set("airbag.endpoint.tls-openai.url", url("/v1"))
        .set("airbag.endpoint.tls-openai.provider", "openai");
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
