package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.it.apps.HelloApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent leaves for later: an app that never calls an LLM, nor fails one, never pays for it at start-up. The
 * credentials' hash base is drawn at the first failed call, since seeding a {@code SecureRandom} sets up the JDK's
 * security providers (a tenth of the agent's start-up when it was drawn at once). A client's hooks and their handlers
 * are made when the app first uses that client (making all of them was another tenth). The agent's lines are written
 * without SLF4J's {@code LoggerFactory}, whose first call looks for bindings with a {@code ServiceLoader}.
 */
class LazyStartupTest {
  @TempDir Path dir;

  @Test
  void helloWorldWithTheAgentLoadsNoSecureRandomAndNoSecurityProvider() throws Exception {
    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath()
        .agentWithConfig(AgentConfig.in(dir).write())
        .jvmArg("-Xlog:class+load=info").run(HelloApp.class.getName());

    assertTrue(result.stdout().contains("HELLO from the app"), result.toString());
    assertTrue(result.stdout().contains("dev.airbag.agent.engine.redact.RecentCredentials "),
        "the agent started and the log lists its classes");
    assertFalse(result.stdout().contains("java.security.SecureRandom "), "no SecureRandom before it is needed");
    assertFalse(result.stdout().contains("sun.security.provider."), "no security provider set up at start-up");
    assertFalse(result.stdout().contains("dev.airbag.shaded.org.slf4j.LoggerFactory "),
        "the agent's start-up line needs no SLF4J binding");
    for (String handler : new String[] {"okhttp.OkHttpInterceptors", "jdkhttp.JdkHttpHook",
        "urlconnection.UrlConnectionHook", "reactornetty.ReactorNettyCalls", "awssdk.AwsSdkInterceptors"}) {
      assertFalse(result.stdout().contains("dev.airbag.agent.instrument." + handler + " "),
          handler + " is made when the app first uses its client, not at start-up");
    }
  }
}
