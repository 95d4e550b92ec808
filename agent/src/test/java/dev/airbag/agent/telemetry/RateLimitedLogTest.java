package dev.airbag.agent.telemetry;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RateLimitedLogTest {
  private final FakeClock clock = new FakeClock(0);
  private final List<String> warnings = new ArrayList<>();
  private final RateLimitedLog log = new RateLimitedLog(recordingLogger(), clock, TimeUnit.MINUTES.toNanos(1));

  @Test
  void theFirstWarningIsLoggedAndRepeatsWithinAMinuteAreSuppressed() {
    assertTrue(log.warn("sink failed", new IOException("down")));
    clock.advance(59, TimeUnit.SECONDS);

    assertFalse(log.warn("sink failed", new IOException("down")));
    assertFalse(log.warn("sink failed", new IOException("down")));

    assertEquals(List.of("sink failed (java.io.IOException: down)"), warnings, "one line with the cause, no stack trace");
  }

  @Test
  void aMinuteLaterTheNextWarningIsLoggedWithTheSuppressedCount() {
    log.warn("sink failed", null);
    log.warn("sink failed", null);
    log.warn("sink failed", null);
    clock.advance(1, TimeUnit.MINUTES);

    assertTrue(log.warn("sink failed", null));

    assertEquals(List.of("sink failed", "sink failed (2 similar warnings suppressed)"), warnings);
  }

  private Logger recordingLogger() {
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("warn")) {
            warnings.add((String) args[0]);
          }
          if (method.getName().equals("getName")) {
            return "airbag";
          }
          return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
        });
  }
}
