package dev.airbag.agent.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {
  private final FakeClock clock = new FakeClock();
  private final List<String> lines = new ArrayList<>();
  private final ThrottledLog log = new ThrottledLog(lines::add, clock, ThrottledLog.MINUTE_NANOS);

  @Test
  void theFirstWarningIsLoggedAndRepeatsWithinAMinuteAreSuppressed() {
    assertTrue(log.warn("sink", "sink failed", new IOException("down")));
    clock.advance(Duration.ofSeconds(59));
    assertFalse(log.warn("sink", "sink failed", new IOException("down")));
    assertFalse(log.warn("sink", "sink failed", new IOException("down")));

    assertEquals(List.of("sink failed (java.io.IOException: down)"), lines, "one line with the cause, no stack trace");
  }

  @Test
  void aMinuteLaterTheNextWarningIsLoggedWithTheSuppressedCount() {
    log.warn("sink", "sink failed");
    log.warn("sink", "sink failed");
    log.warn("sink", "sink failed");
    clock.advance(Duration.ofMinutes(1));

    assertTrue(log.warn("sink", "sink failed"));
    assertEquals(List.of("sink failed", "sink failed (2 similar warnings suppressed)"), lines);
  }

  @Test
  void eachTopicLogsAtMostOncePerMinute() {
    assertTrue(log.warn("dropped", "first"));
    assertFalse(log.warn("dropped", "again"));
    assertTrue(log.warn("rejected", "other topic"));
    clock.advance(Duration.ofSeconds(30));
    assertFalse(log.warn("dropped", "still quiet"));
    clock.advance(Duration.ofSeconds(30));
    assertTrue(log.warn("dropped", "a minute later"));

    assertEquals(List.of("first", "other topic", "a minute later (2 similar warnings suppressed)"), lines);
  }

  @Test
  void aLoggerThatThrowsDoesNotReachTheCaller() {
    ThrottledLog broken = new ThrottledLog(line -> {
      throw new IllegalStateException("logger down");
    }, clock, ThrottledLog.MINUTE_NANOS);

    assertTrue(broken.warn("sink", "sink failed"));
  }
}
