package dev.airbag.agent.telemetry.alerts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlertScheduleTest {
  @Test
  void nothingRunsBeforeStartAndTheStartedThreadEvaluatesEveryInterval() throws InterruptedException {
    CountDownLatch ticks = new CountDownLatch(3);
    AlertSchedule schedule = new AlertSchedule(ticks::countDown, TimeUnit.MILLISECONDS.toNanos(1));
    assertFalse(schedule.running());

    schedule.start();
    schedule.start();

    try {
      assertTrue(schedule.running());
      assertTrue(ticks.await(30, TimeUnit.SECONDS), "three evaluations should have run");
    } finally {
      schedule.close();
    }
    assertFalse(schedule.running());
  }

  @Test
  void aScheduleClosedBeforeItsStartNeverStarts() {
    AlertSchedule schedule = new AlertSchedule(() -> { }, TimeUnit.MILLISECONDS.toNanos(1));

    schedule.close();
    schedule.start();

    assertFalse(schedule.running());
  }
}
