package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The tests' Redis over TLS: its certificate is trusted through the trust store it hands out, and only so. */
class RedisServerTlsTest {
  @Test
  void aClientTrustingTheStoreGetsPongOverTlsAndOneTrustingTheJdkDefaultsIsRefused() throws Exception {
    Path binary = RedisServer.locate();
    if (binary == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("no redis-server and it could not be installed (apt-get install redis-server)");
    }
    Assumptions.assumeTrue(binary != null, "no redis-server, and it could not be installed");
    try (RedisServer redis = RedisServer.startWithTls(binary)) {
      URI url = URI.create(redis.tlsUrl());
      SelfSignedTls tls = redis.tls();

      assertEquals("+PONG", ping(trusting(tls), url));
      assertThrows(SSLException.class, () -> ping(SSLContext.getDefault(), url));
      assertEquals("+PONG", redis.command("PING"), "the plain port stays, for the tests' own commands");
    }
  }

  private static SSLContext trusting(SelfSignedTls tls) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.trustStore())) {
      store.load(in, tls.password().toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static String ping(SSLContext context, URI url) throws Exception {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(url.getHost(), url.getPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] reply = new byte[7];
      int read = socket.getInputStream().readNBytes(reply, 0, 7);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).trim();
    }
  }
}
