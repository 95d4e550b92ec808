package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutcomeWindowTest {
  @Test
  void runningTotalsFollowTheLastOutcomesOnly() {
    OutcomeWindow window = new OutcomeWindow(3);

    window.add(Outcome.FAILURE);
    window.add(Outcome.SLOW);
    assertEquals(2, window.recorded());
    assertEquals(2, window.unhealthy());
    assertEquals(1, window.slow());

    window.add(Outcome.SUCCESS);
    window.add(Outcome.SUCCESS);
    assertEquals(3, window.recorded());
    assertEquals(1, window.unhealthy(), "the first failure slid out");
    assertEquals(1, window.slow());

    window.add(Outcome.SUCCESS);
    assertEquals(0, window.unhealthy());
    assertEquals(0, window.slow());
  }

  @Test
  void totalsMatchARecountAfterManyWrapArounds() {
    OutcomeWindow window = new OutcomeWindow(7);
    Outcome[] all = Outcome.values();
    java.util.ArrayDeque<Outcome> last = new java.util.ArrayDeque<>();

    for (int i = 0; i < 1000; i++) {
      Outcome outcome = all[(i * 31 + i / 5) % all.length];
      window.add(outcome);
      last.addLast(outcome);
      if (last.size() > 7) {
        last.removeFirst();
      }
      assertEquals(last.size(), window.recorded());
      assertEquals(last.stream().filter(Outcome::unhealthy).count(), window.unhealthy());
      assertEquals(last.stream().filter(o -> o == Outcome.SLOW).count(), window.slow());
    }
  }
}
