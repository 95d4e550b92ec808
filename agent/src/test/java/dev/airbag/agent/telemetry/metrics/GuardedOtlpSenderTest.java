package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.airbag.bootstrap.ReentrancyGuard;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedOtlpSenderTest {
  private final List<Boolean> guardSeen = new ArrayList<>();
  private final QuietFailures failures = new QuietFailures(new FakeClock());
  private final OtlpMetricsSender.Request request =
      OtlpMetricsSender.Request.builder(new byte[] {1}).address("http://127.0.0.1:1/v1/metrics").build();

  @Test
  void everyPushRunsInsideTheReentrancyGuardAndLeavesItAfterwards() throws Exception {
    GuardedOtlpSender sender = new GuardedOtlpSender(r -> guardSeen.add(ReentrancyGuard.isActive()), failures);

    sender.send(request);

    assertEquals(List.of(true), guardSeen);
    assertFalse(ReentrancyGuard.isActive());
    assertEquals(1, sender.sent());
  }

  @Test
  void aFailedPushIsCountedNotThrownAndTheGuardIsLeft() {
    GuardedOtlpSender sender = new GuardedOtlpSender(r -> {
      throw new IOException("connection refused");
    }, failures);

    assertDoesNotThrow(() -> sender.send(request));

    assertEquals(1, failures.count());
    assertEquals(0, sender.sent());
    assertFalse(ReentrancyGuard.isActive());
  }
}
