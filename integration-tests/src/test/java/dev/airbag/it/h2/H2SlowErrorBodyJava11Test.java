package dev.airbag.it.h2;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2SlowErrorBodyTest} on a real Java 11, the oldest Java Airbag supports, whose java.net.http and TLS stack
 * are the oldest the agent meets; skipped, saying why, when Java 11 cannot be fetched. Its own class so that each
 * stays inside two minutes.
 */
class H2SlowErrorBodyJava11Test {
  @TempDir Path dir;
  private TlsProvider provider;

  @BeforeEach
  void start() throws Exception {
    provider = TlsProvider.start(dir);
    TricklingErrors.serveFrom(provider);
  }

  @AfterEach
  void stop() throws Exception {
    provider.close();
  }

  @Test
  void onJava11ATricklingErrorBodyReachesTheAppWholeWithoutHoldingIt() throws Exception {
    H2SlowErrorBodyTest.check(11, provider, dir);
  }
}
