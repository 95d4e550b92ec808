package dev.airbag.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.retry.RetryBudget;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sync logic of two or three instances sharing one fake store, on a fake clock: no wall-clock waits. */
class FleetSyncTest {
  private final FakeClock clock = new FakeClock();
  private final FakeFleetStore store = new FakeFleetStore();
  private final BreakerConfig config = dev.airbag.agent.wiring.Resilience.breakerConfig(dev.airbag.agent.config.AirbagConfig.defaults());
  private final TestInstance a = new TestInstance("a", store, clock, config);
  private final TestInstance b = new TestInstance("b", store, clock, config);

  @Test
  void anOpeningOnOneInstanceIsLearntByTheOtherAtItsNextSync() {
    syncAll(a, b);
    openAlone(a);
    b.succeed();
    syncAll(a, b);

    assertEquals(CircuitState.OPEN, b.state());
    assertEquals(List.of("closed->open (fleet)"), b.transitions);
    assertEquals("fleet", b.fleet.openedBy(TestInstance.KEY));
    assertEquals("here", a.fleet.openedBy(TestInstance.KEY));
  }

  @Test
  void theFleetsFailuresInARowOpenTheCircuitWhereNoInstanceAloneWould() {
    syncAll(a, b);
    for (int i = 0; i < 30; i++) {
      a.fail();
      b.fail();
      clock.advance(Duration.ofMillis(40));
      if (i % 5 == 4) {
        syncAll(a, b);
      }
    }

    assertEquals(CircuitState.OPEN, a.state());
    assertEquals(CircuitState.OPEN, b.state());
    assertTrue(a.transitions.get(0).endsWith("(fleet)") && b.transitions.get(0).endsWith("(fleet)"));
  }

  @Test
  void aBurstShorterThanTheHopelessSpanOpensNothingEvenFleetWide() {
    syncAll(a, b);
    for (int i = 0; i < 40; i++) {
      a.fail();
      b.fail();
    }
    clock.advance(Duration.ofMillis(500));
    syncAll(a, b);

    assertEquals(CircuitState.CLOSED, a.state());
    assertEquals(CircuitState.CLOSED, b.state());
  }

  @Test
  void onlyOneInstanceProbesAHalfOpenCircuitAndItsVerdictReachesTheOthers() {
    TestInstance c = new TestInstance("c", store, clock, config);
    syncAll(a, b, c);
    openAlone(a);
    b.succeed();
    c.succeed();
    syncAll(a, b, c);
    clock.advance(Duration.ofSeconds(1));

    int probes = 0;
    for (int round = 0; round < 5; round++) {
      for (TestInstance instance : List.of(a, b, c)) {
        boolean probing = instance.state() != CircuitState.CLOSED;
        if (instance.attempt(null) && probing) {
          probes++;
        }
      }
      syncAll(a, b, c);
    }

    assertEquals(1, probes, "one probe in all, from the lease holder");
    for (TestInstance instance : List.of(a, b, c)) {
      assertEquals(CircuitState.CLOSED, instance.state(), instance.name);
    }
  }

  @Test
  void aFailedProbeReopensEveryInstanceForTheHoldersNextPause() {
    syncAll(a, b);
    openAlone(a);
    b.succeed();
    syncAll(a, b);
    clock.advance(Duration.ofSeconds(1));
    assertFalse(a.fail() || b.fail(), "both half-open, neither holds the lease yet");
    syncAll(a, b);
    boolean probedByA = a.fail();
    boolean probedByB = !probedByA && b.fail();
    syncAll(a, b);
    syncAll(a, b);

    assertTrue(probedByA ^ probedByB);
    assertEquals(CircuitState.OPEN, a.state());
    assertEquals(CircuitState.OPEN, b.state());
  }

  @Test
  void aRateLimitWaitOnOneInstanceOpensTheCircuitOnOthersWithTheSameKeyUntilTheReset() {
    TestInstance other = new TestInstance("c", store, clock, config).withKey("sk-another-tenant-key-0002");
    syncAll(a, b, other);
    a.succeed();
    b.succeed();
    other.succeed();
    syncAll(a, b, other);
    a.attempt(Classification.builder(Category.RATE_LIMITED).waitHintMillis(60_000).build());
    syncAll(a, b, other);
    syncAll(a, b, other);

    assertEquals(CircuitState.OPEN, b.state(), "same key: waits for the reset");
    assertEquals(CircuitState.CLOSED, a.state(), "the one told keeps the engine's own handling");
    assertEquals(CircuitState.CLOSED, other.state(), "another key has its own limit");
    clock.advance(Duration.ofSeconds(59));
    assertFalse(b.succeed());
    clock.advance(Duration.ofSeconds(2));
    assertTrue(b.succeed());
  }

  @Test
  void redisDownIsOneLineAndEachInstanceProbesAloneUntilItIsBack() {
    syncAll(a, b);
    openAlone(a);
    b.succeed();
    syncAll(a, b);
    store.down = true;
    for (int i = 0; i < 5; i++) {
      syncAll(a, b);
      clock.advance(Duration.ofMillis(300));
    }

    assertEquals(1, b.log.size(), String.valueOf(b.log));
    assertTrue(b.log.get(0).contains("lost"), b.log.get(0));
    assertTrue(b.succeed(), "alone again, the engine's own probe goes out");
    store.down = false;
    clock.advance(Duration.ofSeconds(1));
    syncAll(a, b);
    assertEquals(2, b.log.size());
    assertTrue(b.log.get(1).contains("back"), b.log.get(1));
  }

  @Test
  void aStateThatAirbagDidNotWriteCountsAsRedisDown() {
    syncAll(a);
    a.succeed();
    store.corruptState(Digests.circuit(TestInstance.KEY), "not|ours");
    syncAll(a);

    assertEquals(1, a.log.size());
    assertFalse(a.fleet.connected());
  }

  @Test
  void aRestartedRedisHearsAgainOfCircuitsStillOpenHere() {
    syncAll(a, b);
    a.succeed();
    b.succeed();
    syncAll(a, b);
    store.down = true;
    syncAll(a, b);
    for (int i = 0; i < 50; i++) {
      a.fail();
      clock.advance(Duration.ofMillis(30));
    }
    assertEquals(CircuitState.OPEN, a.state());
    store.down = false;
    clock.advance(Duration.ofMillis(100));
    syncAll(a, b);
    syncAll(a, b);

    assertEquals(CircuitState.OPEN, b.state());
  }

  @Test
  void anInstanceThatHasNeverCalledAModelLearnsItsOpenCircuitBeforeItsFirstAttempt() {
    syncAll(a);
    openAlone(a);
    syncAll(a);
    TestInstance fresh = new TestInstance("fresh", store, clock, config);
    fresh.sync.syncOnce();

    assertFalse(fresh.fail(), "refused: the fleet found the model down, the first attempt is not spent on it");
    assertEquals(CircuitState.OPEN, fresh.state());
    assertEquals(List.of("closed->open (fleet)"), fresh.transitions);
    assertEquals("fleet", fresh.fleet.openedBy(TestInstance.KEY));
  }

  @Test
  void aCircuitClosedOrPastItsPauseInTheFleetIsNotOpenedOnANewInstance() {
    syncAll(a);
    openAlone(a);
    syncAll(a);
    clock.advance(Duration.ofSeconds(1));
    TestInstance late = new TestInstance("late", store, clock, config);
    late.sync.syncOnce();

    assertTrue(late.succeed(), "the fleet's pause is over: its probes decide, as for any instance");
    assertEquals(List.of(), late.transitions);
  }

  @Test
  void withRedisDownANewInstanceStartsOnItsOwnState() {
    syncAll(a);
    openAlone(a);
    syncAll(a);
    TestInstance fresh = new TestInstance("fresh", store, clock, config);
    fresh.sync.syncOnce();
    store.down = true;
    fresh.sync.syncOnce();

    assertTrue(fresh.succeed());
  }

  /** Opens a's circuit by its own attempts alone: 50 failures over more than the hopeless span. */
  @Test
  void retriesGrantedOnOneInstanceSpendTheFleetsBudgetOnTheOther() {
    RetryBudget onA = a.budgets.forEndpoint("openai");
    RetryBudget onB = b.budgets.forEndpoint("openai");
    syncAll(a, b);
    for (int i = 0; i < 10; i++) {
      assertTrue(onA.tryAcquireRetry(), "retry " + (i + 1) + " of the fleet's 10");
    }
    syncAll(a, b);

    assertFalse(onB.tryAcquireRetry(), "a's 10 retries spent the fleet's window");
    clock.advance(Duration.ofSeconds(11));
    syncAll(a, b);
    assertTrue(onB.tryAcquireRetry(), "a new window");
  }

  @Test
  void withRedisGoneEachInstanceHasItsOwnBudgetAgain() {
    RetryBudget onA = a.budgets.forEndpoint("openai");
    RetryBudget onB = b.budgets.forEndpoint("openai");
    syncAll(a, b);
    for (int i = 0; i < 10; i++) {
      onA.tryAcquireRetry();
    }
    syncAll(a, b);
    assertFalse(onB.tryAcquireRetry());

    store.down = true;
    syncAll(a, b);

    assertTrue(onB.tryAcquireRetry(), "b's own window has room");
  }

  private void openAlone(TestInstance instance) {
    for (int i = 0; i < 50 && instance.state() == CircuitState.CLOSED; i++) {
      instance.fail();
      clock.advance(Duration.ofMillis(25));
    }
    assertEquals(CircuitState.OPEN, instance.state());
  }

  private static void syncAll(TestInstance... instances) {
    for (TestInstance instance : instances) {
      instance.sync.syncOnce();
    }
  }
}
