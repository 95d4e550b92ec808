package dev.airbag.agent.engine.retry;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryBudgetTest {
  private final FakeClock clock = new FakeClock();

  @Test
  void minPerSecondAloneAllowsExactlyThatManyRetriesPerWindow() {
    RetryBudget budget = new RetryBudget(0, 3, clock);

    assertEquals(30, acquireAll(budget));
    assertEquals(30, budget.retriesInWindow());
    assertEquals(30, budget.allowedRetriesInWindow());
  }

  @Test
  void requestsAddRetriesInProportionToTheRatio() {
    RetryBudget budget = new RetryBudget(0.2, 0, clock);
    assertEquals(0, acquireAll(budget), "no requests, no reserve: no retries");

    requests(budget, 10);
    assertEquals(2, acquireAll(budget));

    requests(budget, 5);
    assertEquals(1, acquireAll(budget));
    assertEquals(15, budget.requestsInWindow());
    assertEquals(3, budget.retriesInWindow());
  }

  @Test
  void ratioAndReserveAddUp() {
    RetryBudget budget = new RetryBudget(0.2, 3, clock);
    requests(budget, 100);

    assertEquals(50, acquireAll(budget));
  }

  @ParameterizedTest(name = "ratio {0} x {1} requests -> {2} retries")
  @CsvSource({
      "0.29, 100, 29",  // 0.29 * 100 is 28.999999999999996 in doubles
      "0.1,  30,  3",   // 0.1 * 30 is 3.0000000000000004 in doubles
      "0.2,  3,   0",
      "0.5,  7,   3",
      "1.0,  13,  13"})
  void fractionalAllowancesRoundDownDespiteFloatingPointNoise(double ratio, int requests, int expected) {
    RetryBudget budget = new RetryBudget(ratio, 0, clock);
    requests(budget, requests);

    assertEquals(expected, acquireAll(budget));
  }

  @Test
  void refusedRetriesAreNotCounted() {
    RetryBudget budget = new RetryBudget(0, 1, clock);
    acquireAll(budget);

    for (int i = 0; i < 100; i++) {
      assertFalse(budget.tryAcquireRetry());
    }

    assertEquals(10, budget.retriesInWindow());
  }

  @Test
  void retriesGrantedInTheFirstSecondExpireOnlyAfterTheWholeWindow() {
    RetryBudget budget = new RetryBudget(0, 3, clock);
    acquireAll(budget);

    clock.advance(Duration.ofMillis(9_999));
    assertFalse(budget.tryAcquireRetry(), "the first bucket is still inside the window");

    clock.advance(Duration.ofMillis(1));
    assertEquals(0, budget.retriesInWindow());
    assertEquals(30, acquireAll(budget));
  }

  @Test
  void countsExpireBucketByBucket() {
    RetryBudget budget = new RetryBudget(1, 0, clock);
    requests(budget, 10);
    clock.advance(Duration.ofSeconds(5));
    requests(budget, 20);
    assertEquals(30, budget.requestsInWindow());

    clock.advance(Duration.ofSeconds(5));
    assertEquals(20, budget.requestsInWindow());

    clock.advance(Duration.ofSeconds(5));
    assertEquals(0, budget.requestsInWindow());
  }

  @Test
  void aLongIdleGapClearsTheWholeWindow() {
    RetryBudget budget = new RetryBudget(0.5, 1, clock);
    requests(budget, 40);
    acquireAll(budget);

    clock.advance(Duration.ofHours(3));

    assertEquals(0, budget.requestsInWindow());
    assertEquals(0, budget.retriesInWindow());
    assertEquals(10, budget.allowedRetriesInWindow());
  }

  @Test
  void aShorterWindowScalesTheReserveAndExpiresSooner() {
    RetryBudget budget = new RetryBudget(0, 3, Duration.ofSeconds(1), clock);
    assertEquals(3, acquireAll(budget));

    clock.advance(Duration.ofMillis(1_000));

    assertEquals(3, acquireAll(budget));
  }

  @Test
  void outOfRangeSettingsAreRejected() {
    Duration window = Duration.ofSeconds(10);
    assertThrows(IllegalArgumentException.class, () -> new RetryBudget(-0.1, 3, window, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryBudget(Double.NaN, 3, window, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryBudget(0.2, Double.POSITIVE_INFINITY, window, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryBudget(0.2, 3, Duration.ZERO, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryBudget(0.2, 3, null, clock));
    assertThrows(IllegalArgumentException.class, () -> new RetryBudget(0.2, 3, window, null));
  }

  @Test
  void theWindowNeverGrantsMoreThanTheRuleAllowsAsTrafficComesAndGoes() {
    RetryBudget budget = new RetryBudget(0.2, 3, clock);
    for (int second = 0; second < 60; second++) {
      requests(budget, second % 7 * 5);
      for (int i = 0; i < 4; i++) {
        budget.tryAcquireRetry();
      }
      assertTrue(budget.retriesInWindow() <= 0.2 * budget.requestsInWindow() + 30,
          "second " + second + ": " + budget.retriesInWindow() + " retries, " + budget.requestsInWindow()
              + " requests");
      clock.advance(Duration.ofSeconds(1));
    }
  }

  private static int acquireAll(RetryBudget budget) {
    int granted = 0;
    while (budget.tryAcquireRetry()) {
      granted++;
      assertTrue(granted <= 1_000_000, "the budget never ran out");
    }
    return granted;
  }

  private static void requests(RetryBudget budget, int count) {
    for (int i = 0; i < count; i++) {
      budget.onRequest();
    }
  }

  @Test
  void theOtherInstancesRetriesSpendTheSameAllowance() {
    RetryBudget budget = new RetryBudget(0, 1, clock); // 10 retries per 10 s window
    for (int i = 0; i < 4; i++) {
      assertTrue(budget.tryAcquireRetry());
    }
    // The fleet counted 10 retries in the window, these 4 among them.
    budget.fleetCounts(0, 10);

    assertFalse(budget.tryAcquireRetry(), "the fleet's window is spent");
    budget.leaveFleet();
    assertTrue(budget.tryAcquireRetry(), "alone again: 5 of its own 10");
  }

  @Test
  void theOtherInstancesRequestsWidenTheAllowanceByTheRatio() {
    RetryBudget budget = new RetryBudget(0.5, 0, clock);
    budget.onRequest();
    budget.onRequest();
    assertTrue(budget.tryAcquireRetry());
    assertFalse(budget.tryAcquireRetry(), "half of its own 2 requests");

    budget.fleetCounts(20, 1);

    assertEquals(10, budget.allowedRetriesInWindow(), "half of the fleet's 20 requests");
    for (int i = 0; i < 9; i++) {
      assertTrue(budget.tryAcquireRetry(), "retry " + (i + 2));
    }
    assertFalse(budget.tryAcquireRetry());
  }

  @Test
  void whatTheFleetHasNotHeardIsTakenOnce() {
    RetryBudget budget = new RetryBudget(0, 1, clock);
    budget.onRequest();
    budget.onRequest();
    budget.tryAcquireRetry();

    assertArrayEquals(new long[] {2, 1}, budget.takeUnsynced());
    assertArrayEquals(new long[] {0, 0}, budget.takeUnsynced());
    assertEquals(2, budget.requestsInWindow(), "the window keeps them");
    assertEquals(10, budget.windowSeconds());
  }

  @Test
  void fleetCountsBelowThisInstancesOwnNeverLowerItsAllowance() {
    RetryBudget budget = new RetryBudget(0, 1, clock);
    for (int i = 0; i < 5; i++) {
      budget.tryAcquireRetry();
    }
    // A Redis that lost its keys (restarted) answers less than this instance alone counted.
    budget.fleetCounts(0, 2);

    assertTrue(budget.tryAcquireRetry(), "6 of its own 10");
  }
}
