package dev.airbag.agent.engine.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {
  private static final long SECOND = 1_000_000_000L;
  private final FakeClock clock = new FakeClock();

  @Test
  void withoutACallerTimeoutOnlyAirbagsDeadlineCounts() {
    CallDeadline deadline = CallDeadline.of(clock, Duration.ofSeconds(20), 0);
    clock.advance(Duration.ofSeconds(15));
    deadline.attemptTook(15 * SECOND);

    assertTrue(deadline.allows(4 * SECOND), "the attempt's own length is not counted against Airbag's deadline");
    assertFalse(deadline.allows(5 * SECOND));
    assertFalse(deadline.cutBeforeAnyRetry());
    assertEquals("airbag.retry.deadline leaves no time for another wait", deadline.refusal());
  }

  @Test
  void aWaitIsRefusedWhenItAndAnAttemptAsLongAsTheLongestCannotFinishInsideTheCallersTimeout() {
    CallDeadline deadline = CallDeadline.of(clock, Duration.ofSeconds(20), 5 * SECOND);
    clock.advance(Duration.ofSeconds(3));
    deadline.attemptTook(3 * SECOND);

    assertFalse(deadline.allows(SECOND / 2), "0.5 s + 3 s is more than the 2 s left");
    assertTrue(deadline.cutBeforeAnyRetry());
    assertEquals("the caller's own timeout leaves no time for another attempt", deadline.refusal());
    assertEquals(2 * SECOND, deadline.remainingNanos());
  }

  @Test
  void fastAttemptsKeepRetryingInsideTheCallersTimeout() {
    CallDeadline deadline = CallDeadline.of(clock, Duration.ofSeconds(20), 5 * SECOND);
    clock.advance(Duration.ofMillis(100));
    deadline.attemptTook(100_000_000L);

    assertTrue(deadline.allows(SECOND));
    assertFalse(deadline.cutBeforeAnyRetry());
  }

  @Test
  void aCutAfterARetryIsNotACutBeforeAnyRetry() {
    CallDeadline deadline = CallDeadline.of(clock, Duration.ofSeconds(20), 5 * SECOND);
    deadline.attemptTook(SECOND);
    deadline.attemptTook(2 * SECOND);
    clock.advance(Duration.ofSeconds(3));

    assertFalse(deadline.allows(0), "an attempt of 2 s does not fit in the 2 s left");
    assertFalse(deadline.cutBeforeAnyRetry());
  }

  @Test
  void remainingIsTheSoonerOfTheTwoLimits() {
    CallDeadline deadline = CallDeadline.of(clock, Duration.ofSeconds(2), 5 * SECOND);

    assertEquals(2 * SECOND, deadline.remainingNanos());
    clock.advance(Duration.ofSeconds(3));
    assertEquals(0, deadline.remainingNanos());
  }

  @Test
  void hugeValuesDoNotOverflow() {
    CallDeadline deadline = CallDeadline.of(clock, Duration.ofSeconds(20), Long.MAX_VALUE);
    deadline.attemptTook(Long.MAX_VALUE);

    assertFalse(deadline.allows(Long.MAX_VALUE));
    assertTrue(CallDeadline.of(clock, Duration.ofSeconds(20), Long.MAX_VALUE).allows(SECOND));
  }
}
