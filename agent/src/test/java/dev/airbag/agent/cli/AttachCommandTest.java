package dev.airbag.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attach itself is exercised in a child JVM (integration-tests, AttachTest); here, its arguments. */
class AttachCommandTest {
  @Test
  void aRelativeConfigPathIsMadeAbsoluteBecauseTheTargetHasItsOwnWorkingDirectory() {
    String expected = "config=" + Paths.get("conf/airbag.properties").toAbsolutePath().normalize();
    assertEquals(expected, AttachCommand.agentArguments(List.of("config=conf/airbag.properties")));
  }

  @Test
  void noConfigMeansNoAgentArguments() {
    assertNull(AttachCommand.agentArguments(List.of()));
  }

  @Test
  void aMissingOrNonNumericPidIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true);
    assertEquals(2, AttachCommand.run(List.of(), System.out, errStream));
    assertEquals(2, AttachCommand.run(List.of("self"), System.out, errStream));
    assertTrue(err.toString().startsWith("usage: java -jar airbag-agent.jar attach PID"), err.toString());
  }
}
