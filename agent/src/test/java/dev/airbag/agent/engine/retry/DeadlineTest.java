package dev.airbag.agent.engine.retry;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private final FakeClock clock = new FakeClock();

  @Test
  void remainingTimeShrinksAsTheClockMoves() {
    Deadline deadline = Deadline.after(clock, Duration.ofSeconds(10));
    assertEquals(10_000_000_000L, deadline.remainingNanos());

    clock.advance(Duration.ofSeconds(4));

    assertEquals(6_000_000_000L, deadline.remainingNanos());
    assertEquals(4_000_000_000L, deadline.elapsedNanos());
    assertFalse(deadline.expired());
  }

  @Test
  void aWaitIsAllowedOnlyIfTimeRemainsAfterIt() {
    Deadline deadline = Deadline.after(clock, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(4));

    assertTrue(deadline.allows(5_999_999_999L));
    assertFalse(deadline.allows(6_000_000_000L));
    assertFalse(deadline.allows(Long.MAX_VALUE));
    assertTrue(deadline.allows(0));
  }

  @Test
  void theDeadlineExpiresWhenTheBudgetIsSpentAndRemainingNeverGoesNegative() {
    Deadline deadline = Deadline.after(clock, Duration.ofSeconds(10));

    clock.advance(Duration.ofSeconds(10));
    assertTrue(deadline.expired());
    assertEquals(0, deadline.remainingNanos());
    assertFalse(deadline.allows(0));

    clock.advance(Duration.ofHours(1));
    assertEquals(0, deadline.remainingNanos());
  }

  @Test
  void aZeroOrNegativeBudgetIsExpiredAtOnce() {
    assertTrue(Deadline.after(clock, Duration.ZERO).expired());
    assertTrue(Deadline.after(clock, Duration.ofSeconds(-5)).expired());
  }

  @Test
  void theFakeClockStartsNearNanoTimeWrapAroundAndTheDeadlineStillWorks() {
    Deadline deadline = Deadline.after(clock, Duration.ofHours(2));

    clock.advance(Duration.ofMinutes(90));

    assertTrue(clock.nanoTime() < 0, "nanoTime wrapped");
    assertEquals(Duration.ofMinutes(30).toNanos(), deadline.remainingNanos());
  }

  @Test
  void aCenturiesLongBudgetDoesNotOverflow() {
    Deadline deadline = Deadline.after(clock, Duration.ofDays(365L * 1000));

    clock.advance(Duration.ofDays(1));

    assertTrue(deadline.allows(Duration.ofDays(365L * 100).toNanos()));
    assertEquals(Duration.ofNanos(Long.MAX_VALUE), deadline.budget());
  }
}
