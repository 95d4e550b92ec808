package dev.airbag.agent.engine.retry;

import static dev.airbag.agent.engine.retry.Backoff.delayNanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long BASE = SECOND;
  private static final long MAX = 20 * SECOND;

  @ParameterizedTest(name = "{0} retry {1} random {2} -> {3}")
  @CsvSource({
      // mode,   retry, random, expected nanos
      "NONE,     1,     0.5,    1000000000",
      "NONE,     2,     0.5,    2000000000",
      "NONE,     5,     0.5,    16000000000",
      "NONE,     6,     0.5,    20000000000",
      "FULL,     1,     0,      0",
      "FULL,     1,     0.5,    500000000",
      "FULL,     1,     0.999,  999000000",
      "FULL,     3,     0.5,    2000000000",
      "FULL,     9,     0.5,    10000000000",
      "FULL,     9,     0.999,  19980000000",
      "EQUAL,    1,     0,      500000000",
      "EQUAL,    1,     0.5,    750000000",
      "EQUAL,    1,     0.999,  999500000",
      "EQUAL,    3,     0.5,    3000000000",
      "EQUAL,    9,     0,      10000000000",
      "EQUAL,    9,     0.999,  19990000000",
      "SDK,      1,     0,      1000000000",
      "SDK,      1,     0.5,    875000000",
      "SDK,      1,     0.999,  750250000",
      "SDK,      2,     0.5,    1750000000",
      "SDK,      9,     0.5,    17500000000"})
  void exponentialDelaysAreJitteredToExactValues(Jitter jitter, int retry, double random, long expected) {
    assertEquals(expected, delayNanos(jitter, BASE, MAX, retry, 0, random));
  }

  @ParameterizedTest(name = "previous {0} random {1} -> {2}")
  @CsvSource({
      // previous,   random, expected: min(max, uniform[base, previous * 3))
      "0,            0,      1000000000",
      "0,            0.5,    2000000000",
      "0,            0.999,  2998000000",
      "1000000000,   0.5,    2000000000",
      "4000000000,   0,      1000000000",
      "4000000000,   0.5,    6500000000",
      "10000000000,  0.5,    15500000000",
      "10000000000,  0.999,  20000000000"})
  void decorrelatedDelaysDrawBetweenBaseAndThreeTimesThePreviousCappedAtMax(
      long previous, double random, long expected) {
    assertEquals(expected, delayNanos(Jitter.DECORRELATED, BASE, MAX, 7, previous, random));
  }

  @Test
  void aDecorrelatedSequenceGrowsFromItsOwnPreviousDelayUntilTheCap() {
    long[] expected = {2_000_000_000L, 3_500_000_000L, 5_750_000_000L, 9_125_000_000L, 14_187_500_000L, MAX, MAX};
    long previous = 0;
    for (int retry = 1; retry <= expected.length; retry++) {
      long delay = delayNanos(Jitter.DECORRELATED, BASE, MAX, retry, previous, 0.5);
      assertEquals(expected[retry - 1], delay, "retry " + retry);
      previous = delay;
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 65, 1000, Integer.MAX_VALUE})
  void largeRetryNumbersStayAtTheCapWithoutOverflow(int retry) {
    assertEquals(MAX, delayNanos(Jitter.NONE, BASE, MAX, retry, 0, 0.5));
    assertEquals(MAX / 2, delayNanos(Jitter.FULL, BASE, MAX, retry, 0, 0.5));
    assertEquals(MAX / 2 + MAX / 4, delayNanos(Jitter.EQUAL, BASE, MAX, retry, 0, 0.5));
    assertEquals(Long.MAX_VALUE, delayNanos(Jitter.NONE, 1, Long.MAX_VALUE, retry, 0, 0.5));
  }

  @Test
  void theLastDoublingThatFitsInALongIsStillExact() {
    assertEquals(1L << 62, delayNanos(Jitter.NONE, 1, Long.MAX_VALUE, 63, 0, 0));
    assertEquals(Long.MAX_VALUE, delayNanos(Jitter.NONE, 2, Long.MAX_VALUE, 63, 0, 0));
  }

  @Test
  void decorrelatedJitterWithAHugePreviousDelayDoesNotOverflow() {
    assertEquals(MAX, delayNanos(Jitter.DECORRELATED, BASE, MAX, 1, Long.MAX_VALUE, 0.5));
    long uncapped = delayNanos(Jitter.DECORRELATED, BASE, Long.MAX_VALUE, 1, Long.MAX_VALUE / 2, 0.999);
    assertTrue(uncapped >= BASE && uncapped < Long.MAX_VALUE, "got " + uncapped);
  }

  @ParameterizedTest
  @EnumSource(Jitter.class)
  void aBaseAboveTheMaxIsCappedAtTheMax(Jitter jitter) {
    assertTrue(delayNanos(jitter, 30 * SECOND, MAX, 1, 0, 0.999) <= MAX);
    assertEquals(MAX, delayNanos(Jitter.NONE, 30 * SECOND, MAX, 1, 0, 0.999));
  }

  @ParameterizedTest
  @EnumSource(Jitter.class)
  void aZeroBaseNeverWaits(Jitter jitter) {
    assertEquals(0, delayNanos(jitter, 0, MAX, 5, 0, 0.999));
  }

  @Test
  void aRetryNumberBelowOneCountsAsTheFirstRetry() {
    assertEquals(BASE, delayNanos(Jitter.NONE, BASE, MAX, 0, 0, 0));
    assertEquals(BASE, delayNanos(Jitter.NONE, BASE, MAX, -3, 0, 0));
  }

  @Test
  void randomNumbersOutsideTheUnitIntervalAreClampedIntoIt() {
    assertEquals(0, delayNanos(Jitter.FULL, BASE, MAX, 1, 0, -0.5));
    assertEquals(0, delayNanos(Jitter.FULL, BASE, MAX, 1, 0, Double.NaN));
    assertEquals(BASE - 1, delayNanos(Jitter.FULL, BASE, MAX, 1, 0, 1.0));
    assertEquals(BASE - 1, delayNanos(Jitter.FULL, BASE, MAX, 1, 0, 7.0));
    assertEquals(BASE - 1, delayNanos(Jitter.EQUAL, BASE, MAX, 1, 0, 1.0));
  }

  @Test
  void everyJitterModeStaysWithinItsBoundsForManyRandomNumbers() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      int retry = 1 + random.nextInt(8);
      long previous = (long) (random.nextDouble() * MAX);
      double r = random.nextDouble();
      long capped = Math.min(MAX, BASE << (retry - 1));
      long full = delayNanos(Jitter.FULL, BASE, MAX, retry, previous, r);
      long equal = delayNanos(Jitter.EQUAL, BASE, MAX, retry, previous, r);
      long decorrelated = delayNanos(Jitter.DECORRELATED, BASE, MAX, retry, previous, r);
      assertTrue(full >= 0 && full < capped, "full " + full);
      assertTrue(equal >= capped / 2 && equal < capped, "equal " + equal);
      assertTrue(decorrelated >= BASE && decorrelated <= Math.min(MAX, 3 * Math.max(BASE, previous)),
          "decorrelated " + decorrelated);
    }
  }

  @Test
  void fullJitterSpreadsDelaysEvenlyOverTheRange() {
    long capped = 4 * SECOND;
    long[] perQuarter = new long[4];
    long sum = 0;
    int samples = 1000;
    for (int i = 0; i < samples; i++) {
      long delay = delayNanos(Jitter.FULL, BASE, MAX, 3, 0, (i + 0.5) / samples);
      perQuarter[(int) (delay / (capped / 4))]++;
      sum += delay;
    }
    assertEquals(capped / 2, sum / samples, capped / 1000.0);
    for (long count : perQuarter) {
      assertEquals(samples / 4, count);
    }
  }
}
