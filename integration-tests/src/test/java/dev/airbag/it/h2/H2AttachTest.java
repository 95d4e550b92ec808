package dev.airbag.it.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import dev.airbag.it.support.LiveJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Airbag attached to a running JVM ({@code java -jar airbag-agent.jar attach PID}) bounds a trickling error body over
 * HTTP/2 with TLS as {@code -javaagent} does ({@link H2SlowErrorBodyTest}): an OkHttp client built before the attach
 * and a java.net.http client built after get the same status and bytes as without Airbag, the response inside the
 * same bound, every call retried.
 */
class H2AttachTest {
  private static final String LAUNCHER = "dev.airbag.agent.launcher.AgentLauncher";

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
  void aTricklingErrorBodyAfterADynamicAttachIsBoundedAsWithJavaagent() throws Exception {
    String url = provider.url("/v1/chat/completions");
    Path go = Files.createFile(dir.resolve("go"));
    ChildJvm without = ChildJvm.on(Jdks.current()).testClasspath();
    provider.trustArgs().forEach(without::jvmArg);
    List<String> resultsWithout = TricklingErrors.results(
        without.run(H2AttachApp.class.getName(), url, go.toString()).stdoutLines());
    Files.delete(go);
    int before = provider.server.getRequestCount();

    List<String> resultsWith;
    try (LiveJvm app = LiveJvm.start(Jdks.current(), provider.trustArgs(), H2AttachApp.class.getName(), url,
        go.toString())) {
      app.awaitLine("READY");
      ChildJvm.Result attach = ChildJvm.on(Jdks.current()).classpath(ChildJvm.AGENT_JAR.toString())
          .run(LAUNCHER, "attach", String.valueOf(app.pid()), "config=" + TricklingErrors.config(provider, dir).write());
      assertEquals(0, attach.exitCode(), attach.toString());
      Files.createFile(go);
      resultsWith = TricklingErrors.results(app.finish());
    }

    assertEquals(2, resultsWith.size(), resultsWith.toString());
    TricklingErrors.assertBounded(resultsWithout, resultsWith);
    assertEquals(2 * TricklingErrors.ATTEMPTS, provider.server.getRequestCount() - before,
        "both calls retried by the attached agent");
  }
}
