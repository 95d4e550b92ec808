package dev.airbag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a person sees when the demo cannot run: one line on standard error and a non-zero exit code. */
class DemoCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void anUnknownScenarioIsOneLineAndExitCodeTwo() {
    int exit = run("--calls", "3", "--scenarios", "outage,nope");

    assertEquals(2, exit);
    assertEquals("demo: unknown scenario nope (known: tuesday, rate-limit, outage, retired, slow, content-policy,"
        + " stream-cut); see ./demo.sh --help\n", err());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingAgentJarIsOneLineThatSaysHowToBuildIt() {
    int exit = run("--agent", "target/no-such-agent.jar", "--scenarios", "tuesday");

    assertEquals(1, exit);
    assertEquals("demo: no agent jar at target/no-such-agent.jar: run ./demo.sh --rebuild\n", err());
  }

  @Test
  void noErrorPrintsAStackTrace() {
    run("--calls", "x");

    assertEquals(1, err().lines().count());
    assertTrue(err().startsWith("demo: option --calls"), err());
  }

  private int run(String... args) {
    return DemoRunner.cli(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
