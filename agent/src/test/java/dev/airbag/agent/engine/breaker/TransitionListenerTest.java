package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransitionListenerTest {
  private static final CircuitKey KEY = new CircuitKey("anthropic", "claude-sonnet-4-5");

  private final FakeClock clock = new FakeClock();

  private static void open(CircuitBreaker breaker) {
    for (int i = 0; i < 10; i++) {
      breaker.tryAcquire().onFailure(1);
    }
  }

  @Test
  void eachTransitionIsHeardOnceHoweverOftenTheStateIsRead() {
    RecordingListener listener = new RecordingListener();
    CircuitBreaker breaker = new CircuitBreaker(KEY, TestBreakerConfigs.THREE_PROBES_30S, clock, listener);
    open(breaker);
    clock.advance(Duration.ofSeconds(30));

    for (int i = 0; i < 5; i++) {
      breaker.state();
      breaker.tryAcquire();
      breaker.metrics();
    }

    assertEquals(List.of(CircuitState.OPEN, CircuitState.HALF_OPEN),
        listener.heard().stream().map(RecordingListener.Heard::to).toList());
    assertEquals(List.of(CircuitState.CLOSED, CircuitState.OPEN),
        listener.heard().stream().map(RecordingListener.Heard::from).toList());
  }

  @Test
  void theListenerIsCalledOutsideTheBreakersLock() {
    List<CircuitState> seenFromAnotherThread = new ArrayList<>();
    CircuitBreaker[] self = new CircuitBreaker[1];
    TransitionListener crossThreadReader = (key, from, to, reason) -> {
      // Another thread can only read the state if this thread does not hold the breaker's lock.
      CompletableFuture<CircuitState> read = CompletableFuture.supplyAsync(() -> self[0].state());
      seenFromAnotherThread.add(read.orTimeout(10, TimeUnit.SECONDS).join());
    };
    self[0] = new CircuitBreaker(KEY, TestBreakerConfigs.THREE_PROBES_30S, clock, crossThreadReader);

    open(self[0]);

    assertEquals(List.of(CircuitState.OPEN), seenFromAnotherThread);
  }

  @Test
  void aListenerThatCausesATransitionHearsItAfterTheOneItIsHandling() {
    List<String> heard = new ArrayList<>();
    CircuitBreaker[] self = new CircuitBreaker[1];
    TransitionListener reentrant = (key, from, to, reason) -> {
      heard.add("begin " + from + "->" + to);
      if (to == CircuitState.OPEN) {
        clock.advance(Duration.ofSeconds(30));
        self[0].state();
      }
      heard.add("end " + from + "->" + to);
    };
    self[0] = new CircuitBreaker(KEY, TestBreakerConfigs.THREE_PROBES_30S, clock, reentrant);

    open(self[0]);

    assertEquals(List.of("begin CLOSED->OPEN", "end CLOSED->OPEN", "begin OPEN->HALF_OPEN",
        "end OPEN->HALF_OPEN"), heard);
  }

  @Test
  void aThrowingListenerBreaksNeitherTheCallNorLaterNotifications() {
    RecordingListener recorder = new RecordingListener();
    TransitionListener throwing = (key, from, to, reason) -> {
      recorder.onTransition(key, from, to, reason);
      throw new IllegalStateException("listener bug");
    };
    CircuitBreaker breaker = new CircuitBreaker(KEY, TestBreakerConfigs.THREE_PROBES_30S, clock, throwing);

    open(breaker);
    assertNull(breaker.tryAcquire());
    clock.advance(Duration.ofSeconds(30));

    assertEquals(CircuitState.HALF_OPEN, breaker.state());
    assertEquals(2, recorder.count());
  }
}
