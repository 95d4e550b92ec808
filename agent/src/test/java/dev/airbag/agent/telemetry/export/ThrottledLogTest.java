package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {
  private final ManualClock clock = new ManualClock();
  private final RecordingLog lines = new RecordingLog();
  private final ThrottledLog log = new ThrottledLog(lines, clock);

  @Test
  void eachTopicLogsAtMostOncePerMinute() {
    assertTrue(log.warn("dropped", "first"));
    assertFalse(log.warn("dropped", "again"));
    assertTrue(log.warn("rejected", "other topic"));

    clock.advance(59, TimeUnit.SECONDS);
    assertFalse(log.warn("dropped", "still quiet"));
    clock.advance(1, TimeUnit.SECONDS);
    assertTrue(log.warn("dropped", "a minute later"));

    assertEquals(List.of("first", "other topic", "a minute later"), lines.lines);
  }
}
