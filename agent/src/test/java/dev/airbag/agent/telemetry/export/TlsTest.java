package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.airbag.agent.engine.time.Clock;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  private static final String PASSWORD = "store-secret-4711";

  @TempDir
  Path dir;
  private Path keyStore;
  private HttpsServer server;
  private final AtomicInteger received = new AtomicInteger();

  @BeforeEach
  void startHttpsCollector() throws Exception {
    keyStore = dir.resolve("collector.p12");
    Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "collector", "-keyalg", "EC",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", PASSWORD).inheritIO().start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made a certificate");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aSelfSignedCollectorIsRefusedWithoutItsTrustStoreAndTrustedWithIt() {
    // given the same events for a sink with the JVM's default trust and one with the collector's trust store
    RecordingLog log = new RecordingLog();
    CollectorSink untrusting = start(null, dir.resolve("spool-a"), log);
    CollectorSink trusting = start(new TrustStoreSettings(keyStore, PASSWORD, "PKCS12"), dir.resolve("spool-b"), log);

    // when both export
    untrusting.write(TestEvents.numbered(2));
    trusting.write(TestEvents.numbered(2));

    // then only the one that trusts the certificate delivers; the other keeps its events for later
    assertTrue(trusting.flush(Duration.ofSeconds(20)));
    assertTrue(TestSinks.eventually(() -> untrusting.spooled() == 2, Duration.ofSeconds(20)));
    assertEquals(2, trusting.sent());
    assertEquals(0, untrusting.sent());
    assertEquals(1, received.get());
    untrusting.close();
    trusting.close();
    log.lines.forEach(line -> assertFalse(line.contains(PASSWORD), line));
  }

  @Test
  void anUnreadableTrustStoreIsAClearErrorThatNamesThePathButNotThePassword() {
    TrustStoreSettings missing = new TrustStoreSettings(dir.resolve("missing.p12"), PASSWORD, "PKCS12");
    CollectorSinks sinks = new CollectorSinks(TestSinks.fast(dir), Clock.SYSTEM, new RecordingLog())
        .http(CollectorSettings.of(URI.create("https://127.0.0.1:1/"), Map.of(), false, missing));

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, sinks::start);

    assertTrue(error.getMessage().contains("missing.p12"), error.getMessage());
    assertFalse(error.getMessage().contains(PASSWORD), error.getMessage());
  }

  private CollectorSink start(TrustStoreSettings trust, Path spool, RecordingLog log) {
    URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/events");
    return new CollectorSinks(TestSinks.fast(spool), Clock.SYSTEM, log)
        .http(CollectorSettings.of(url, Map.of(), false, trust)).start().sinks().get(0);
  }
}
