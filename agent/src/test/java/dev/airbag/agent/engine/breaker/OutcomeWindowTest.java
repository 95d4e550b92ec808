package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutcomeWindowTest {
  @Test
  void runningTotalsFollowTheLastOutcomesOnly() {
    OutcomeWindow window = new OutcomeWindow(3);

    window.add(HealthSample.FAILURE);
    window.add(HealthSample.SLOW);
    assertEquals(2, window.recorded());
    assertEquals(2, window.unhealthy());
    assertEquals(1, window.slow());

    window.add(HealthSample.SUCCESS);
    window.add(HealthSample.SUCCESS);
    assertEquals(3, window.recorded());
    assertEquals(1, window.unhealthy(), "the first failure slid out");
    assertEquals(1, window.slow());

    window.add(HealthSample.SUCCESS);
    assertEquals(0, window.unhealthy());
    assertEquals(0, window.slow());
  }

  @Test
  void totalsMatchARecountAfterManyWrapArounds() {
    OutcomeWindow window = new OutcomeWindow(7);
    HealthSample[] all = HealthSample.values();
    java.util.ArrayDeque<HealthSample> last = new java.util.ArrayDeque<>();

    for (int i = 0; i < 1000; i++) {
      HealthSample outcome = all[(i * 31 + i / 5) % all.length];
      window.add(outcome);
      last.addLast(outcome);
      if (last.size() > 7) {
        last.removeFirst();
      }
      assertEquals(last.size(), window.recorded());
      assertEquals(last.stream().filter(HealthSample::unhealthy).count(), window.unhealthy());
      assertEquals(last.stream().filter(o -> o == HealthSample.SLOW).count(), window.slow());
    }
  }
}
