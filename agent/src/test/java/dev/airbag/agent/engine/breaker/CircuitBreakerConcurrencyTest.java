package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 200 threads hammer one breaker while the clock, moved only by the threads themselves, carries it through
 * hundreds of open / half-open / closed cycles. Permits are held across other threads' transitions, reported
 * late and reported twice.
 */
class CircuitBreakerConcurrencyTest {
  private static final int THREADS = 200;
  private static final int CYCLES = 1_000;
  private static final int HALF_OPEN_CALLS = 3;
  private static final int WINDOW = 20;

  private final FakeClock clock = new FakeClock();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<RecordingListener.Heard> heard = new ConcurrentLinkedQueue<>();
  private final AtomicInteger listenersRunning = new AtomicInteger();
  /** Per state generation: permits handed out and not yet reported, and the most seen at once. */
  private final Map<Long, AtomicInteger> outstanding = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> mostOutstanding = new ConcurrentHashMap<>();

  private final CircuitBreaker breaker = new CircuitBreaker(new CircuitKey("anthropic", "claude-opus-4-1"),
      new BreakerConfig(WINDOW, 10, 50, Duration.ofMillis(400), Duration.ofSeconds(1), HALF_OPEN_CALLS)
          .withHalfOpenMaxWait(Duration.ofSeconds(5)),
      clock, this::hear);

  @Test
  void twoHundredThreadsKeepTheStateConsistent() throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = t;
      Thread thread = new Thread(() -> run(go, new Random(seed)), "app-" + t);
      threads.add(thread);
      thread.start();
    }

    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertTrue(errors.isEmpty(), () -> errors.size() + " errors, first: " + errors.peek());
    List<RecordingListener.Heard> transitions = new ArrayList<>(heard);
    assertTransitionsFormOneLegalChain(transitions);
    assertEveryKindOfTransitionHappened(transitions);
    assertHalfOpenStaysNeverHadMoreThanTheirProbesOut(transitions);
    BreakerMetrics after = breaker.metrics();
    assertCountersConsistent(after);
    assertEquals(0, after.probesInFlight(), "every permit was reported, so no probe is out: " + after);
  }

  private void run(CountDownLatch go, Random random) {
    Deque<CircuitBreaker.Permit> held = new ArrayDeque<>();
    try {
      go.await();
      for (int i = 0; i < CYCLES; i++) {
        clock.advance(Duration.ofMillis(random.nextInt(10)));
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        assertCountersConsistent(breaker.metrics());
        if (permit != null) {
          taken(permit);
          // Some permits are reported only after later cycles, often across a transition.
          if (random.nextInt(4) == 0) {
            held.addLast(permit);
          } else {
            report(permit, random);
          }
        }
        if (held.size() > 2) {
          report(held.removeFirst(), random);
        }
      }
      while (!held.isEmpty()) {
        report(held.removeFirst(), random);
      }
    } catch (Throwable e) {
      errors.add(e);
    }
  }

  private void taken(CircuitBreaker.Permit permit) {
    long generation = ((AttemptPermit) permit).generation();
    int now = outstanding.computeIfAbsent(generation, g -> new AtomicInteger()).incrementAndGet();
    mostOutstanding.computeIfAbsent(generation, g -> new AtomicInteger()).accumulateAndGet(now, Math::max);
  }

  private void report(CircuitBreaker.Permit permit, Random random) {
    outstanding.get(((AttemptPermit) permit).generation()).decrementAndGet();
    int roll = random.nextInt(100);
    if (roll < 45) {
      permit.onSuccess(Duration.ofMillis(random.nextInt(300)).toNanos());
    } else if (roll < 85) {
      permit.onFailure(1);
    } else if (roll < 90) {
      permit.onSuccess(Duration.ofMillis(500).toNanos());
    } else {
      permit.onIgnored();
    }
    // Reporting twice must change nothing.
    if (roll % 7 == 0) {
      permit.onFailure(1);
    }
  }

  private void hear(CircuitKey key, CircuitState from, CircuitState to, String reason) {
    if (listenersRunning.incrementAndGet() != 1) {
      errors.add(new AssertionError("two transitions of one circuit told at once"));
    }
    heard.add(new RecordingListener.Heard(key, from, to, reason));
    listenersRunning.decrementAndGet();
  }

  private static void assertCountersConsistent(BreakerMetrics m) {
    assertTrue(m.bufferedAttempts() >= 0 && m.bufferedAttempts() <= WINDOW, m::toString);
    assertTrue(m.failedAttempts() >= 0 && m.failedAttempts() <= m.bufferedAttempts(), m::toString);
    assertTrue(m.slowAttempts() >= 0 && m.slowAttempts() <= m.failedAttempts(), m::toString);
    assertTrue(m.probesInFlight() >= 0 && m.probesSucceeded() >= 0, m::toString);
    assertTrue(m.probesInFlight() + m.probesSucceeded() <= HALF_OPEN_CALLS, m::toString);
    assertTrue(m.probesSucceeded() < HALF_OPEN_CALLS, () -> "should have closed: " + m);
  }

  private static void assertTransitionsFormOneLegalChain(List<RecordingListener.Heard> transitions) {
    CircuitState state = CircuitState.CLOSED;
    for (RecordingListener.Heard t : transitions) {
      assertEquals(state, t.from(), () -> "chain broken at " + t);
      assertTrue(Transitions.isLegal(t.from(), t.to()), t::toString);
      state = t.to();
    }
  }

  private static void assertEveryKindOfTransitionHappened(List<RecordingListener.Heard> transitions) {
    for (String reason : List.of("failure rate", "open for 1s elapsed", "probe failed", "probe slow",
        "3 probes succeeded")) {
      assertTrue(transitions.stream().anyMatch(t -> t.reason().startsWith(reason)),
          () -> "no transition because of '" + reason + "' in " + transitions.size());
    }
  }

  private void assertHalfOpenStaysNeverHadMoreThanTheirProbesOut(List<RecordingListener.Heard> transitions) {
    int halfOpenStays = 0;
    for (int g = 1; g <= transitions.size(); g++) {
      if (transitions.get(g - 1).to() != CircuitState.HALF_OPEN) {
        continue;
      }
      halfOpenStays++;
      AtomicInteger most = mostOutstanding.get((long) g);
      int seen = most == null ? 0 : most.get();
      assertTrue(seen <= HALF_OPEN_CALLS, "half-open stay " + g + " had " + seen + " permits out");
    }
    assertTrue(halfOpenStays > 10, "only " + halfOpenStays + " half-open stays");
  }
}
