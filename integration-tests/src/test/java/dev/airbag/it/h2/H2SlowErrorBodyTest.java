package dev.airbag.it.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.airbag.it.support.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over HTTP/2 with TLS as over HTTP/1.1 ({@code SlowErrorBodyTest}): an error whose body trickles in never holds the
 * app ({@link TricklingErrors}). Airbag classifies each attempt on what came within a second, drops the attempt to
 * retry (OkHttp closes the HTTP/2 stream under the blocked read), and the app gets the same status and bytes as
 * without Airbag, inside its own 20 s timeout. OkHttp, java.net.http send and sendAsync; on the build's JDK and
 * Temurin 25 here, on Java 11 in {@link H2SlowErrorBodyJava11Test}.
 */
class H2SlowErrorBodyTest {
  static final String[] CASES = {"okhttp:20000", "send:20000", "async:20000"};

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

  @ParameterizedTest(name = "Java {0}")
  @MethodSource("dev.airbag.it.h2.H2Jvms#modern")
  void aTricklingErrorBodyReachesTheAppWholeWithoutHoldingIt(int feature) throws Exception {
    check(feature, provider, dir);
  }

  static void check(int feature, TlsProvider provider, Path dir) throws Exception {
    String[] args = new String[CASES.length + 2];
    args[0] = provider.url("/v1/chat/completions");
    args[1] = "-";
    System.arraycopy(CASES, 0, args, 2, CASES.length);
    List<String> without = results(H2Jvms.on(feature, provider, dir).run(H2CallApp.class.getName(), args));
    int before = provider.server.getRequestCount();
    ChildJvm.Result withAirbag = H2Jvms.on(feature, provider, dir)
        .agentWithConfig(TricklingErrors.config(provider, dir).write()).timeout(Duration.ofMinutes(2))
        .run(H2CallApp.class.getName(), args);
    List<String> with = results(withAirbag);

    TricklingErrors.assertBounded(without, with);
    assertEquals(CASES.length * TricklingErrors.ATTEMPTS, provider.server.getRequestCount() - before,
        "Airbag still retried each call");
    // The stream closed under the helper's read ends that read quietly: no stack trace on the app's console.
    assertFalse(withAirbag.stderr().contains("Exception"), withAirbag.stderr());
  }

  private static List<String> results(ChildJvm.Result result) {
    assertEquals(0, result.exitCode(), result.toString());
    return TricklingErrors.results(result.stdoutLines());
  }
}
