package dev.airbag.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class AgentLoggerTest {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream original;

  @BeforeEach
  void captureStderr() {
    original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(original);
    AgentLogger.setLevel("info");
  }

  private String stderr() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void slf4jIsBoundToTheAgentLoggerWhichPrintsOnePrefixedLinePerMessage() {
    Logger log = LoggerFactory.getLogger("airbag");

    log.info("Airbag {} active: {}", "1.0", "watching 2 endpoints");
    log.warn("plain");

    assertTrue(log instanceof AgentLogger, log.getClass().getName());
    String nl = System.lineSeparator();
    assertEquals("[airbag] INFO Airbag 1.0 active: watching 2 endpoints" + nl + "[airbag] WARN plain" + nl, stderr());
  }

  @Test
  void aThrowableFollowsItsLineAsAStackTrace() {
    LoggerFactory.getLogger("io.micrometer.Something").error("push failed", new IllegalStateException("boom"));

    String[] lines = stderr().split(System.lineSeparator());
    assertEquals("[airbag] ERROR push failed", lines[0]);
    assertEquals("java.lang.IllegalStateException: boom", lines[1]);
    assertTrue(lines[2].trim().startsWith("at "), lines[2]);
  }

  @Test
  void theLevelHoldsForEveryLoggerAndOffSilencesAll() {
    Logger log = LoggerFactory.getLogger("airbag");
    AgentLogger.setLevel("warn");
    log.info("hidden");
    log.debug("hidden");
    log.warn("shown");
    assertEquals("[airbag] WARN shown" + System.lineSeparator(), stderr());

    AgentLogger.setLevel("OFF");
    log.error("hidden too");
    assertEquals("[airbag] WARN shown" + System.lineSeparator(), stderr());

    AgentLogger.setLevel("debug");
    assertTrue(log.isDebugEnabled());
    assertFalse(log.isTraceEnabled());
  }
}
