package dev.airbag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ./demo.sh --help}, run by bash as a person would, wherever --help appears among the options. */
class DemoScriptTest {

  @Test
  void helpListsEveryOptionTheDriverTakesAndEveryScenario() throws Exception {
    String help = demo("--help");

    for (String option : DemoOptions.OPTIONS) {
      assertTrue(help.contains("  " + option + " "), option);
    }
    assertTrue(help.contains("--rebuild"));
    for (DemoScenario scenario : DemoScenarios.all(Duration.ofSeconds(10))) {
      assertTrue(help.contains(scenario.name()), scenario.name());
    }
  }

  @Test
  void helpAfterOtherOptionsStillPrintsHelpAndBuildsNothing() throws Exception {
    String help = demo("--calls", "5", "--rebuild", "--help");

    assertTrue(help.startsWith("Usage: ./demo.sh [options]"), help);
  }

  @Test
  void helpHasNoTerminalEscapeCodes() throws Exception {
    assertFalse(demo("--help").contains("\u001b"));
  }

  private static String demo(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", Paths.get("..", "demo.sh").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
