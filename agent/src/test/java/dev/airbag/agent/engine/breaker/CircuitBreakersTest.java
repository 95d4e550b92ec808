package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {
  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();

  private CircuitBreakers registry(int maxCircuits) {
    return new CircuitBreakers(TestBreakerConfigs.THREE_PROBES_30S, clock, listener, maxCircuits);
  }

  private static CircuitKey key(String model) {
    return new CircuitKey("openai", model);
  }

  private static void open(CircuitBreaker breaker) {
    for (int i = 0; i < 10; i++) {
      breaker.tryAcquire().onFailure(1);
    }
  }

  @Test
  void aKeyAlwaysGetsTheSameCircuitAndEachModelItsOwn() {
    CircuitBreakers circuits = registry(10);

    CircuitBreaker primary = circuits.forKey(key("gpt-4o"));

    assertSame(primary, circuits.forKey(new CircuitKey("openai", "gpt-4o")));
    assertNotSame(primary, circuits.forKey(key("gpt-4o-mini")));
    assertEquals(key("gpt-4o"), primary.key());
  }

  @Test
  void transitionsOfEveryCircuitReachTheSharedListenerWithTheirKey() {
    CircuitBreakers circuits = registry(10);

    open(circuits.forKey(key("gpt-4o")));

    assertEquals(key("gpt-4o"), listener.last().key());
    assertEquals(CircuitState.OPEN, listener.last().to());
  }

  @Test
  void anEndpointRefusesCallsOnlyWhileOneOfItsCircuitsFailsFast() {
    CircuitBreakers circuits = registry(10);
    CircuitBreaker primary = circuits.forKey(key("gpt-4o"));
    circuits.forKey(new CircuitKey("anthropic", "claude"));
    assertFalse(circuits.anyRefusesNow("openai"));

    open(primary);

    assertTrue(circuits.anyRefusesNow("openai"));
    assertFalse(circuits.anyRefusesNow("anthropic"), "another endpoint's calls go as asked");
    clock.advance(Duration.ofSeconds(30));
    assertFalse(circuits.anyRefusesNow("openai"), "past its open duration the next call is its probe");
    for (int i = 0; i < 3; i++) {
      primary.tryAcquire().onSuccess(1);
    }
    assertEquals(CircuitState.CLOSED, primary.state());
    assertFalse(circuits.anyRefusesNow("openai"));
    open(primary);
    assertTrue(circuits.anyRefusesNow("openai"), "opened again after it closed");
  }

  @Test
  void pastTheBoundTheLeastRecentlyUsedClosedCircuitIsDropped() {
    CircuitBreakers circuits = registry(3);
    CircuitBreaker a = circuits.forKey(key("a"));
    circuits.forKey(key("b"));
    circuits.forKey(key("c"));
    circuits.forKey(key("a"));

    circuits.forKey(key("d"));

    assertEquals(3, circuits.size());
    assertEquals(Set.of(key("a"), key("c"), key("d")), circuits.snapshot().keySet());
    assertSame(a, circuits.forKey(key("a")), "a was used after b");
  }

  @Test
  void anOpenCircuitIsNeverDroppedEvenWhenLeastRecentlyUsed() {
    CircuitBreakers circuits = registry(2);
    CircuitBreaker failing = circuits.forKey(key("failing"));
    open(failing);
    circuits.forKey(key("b"));

    circuits.forKey(key("c"));
    circuits.forKey(key("d"));

    assertSame(failing, circuits.forKey(key("failing")));
    assertEquals(CircuitState.OPEN, circuits.snapshot().get(key("failing")));
    assertEquals(2, circuits.size());
  }

  @Test
  void aHalfOpenCircuitWithAProbeOutIsNeverDropped() {
    CircuitBreakers circuits = registry(1);
    CircuitBreaker probing = circuits.forKey(key("probing"));
    open(probing);
    clock.advance(Duration.ofSeconds(30));
    CircuitBreaker.Permit probe = probing.tryAcquire();
    assertEquals(CircuitState.HALF_OPEN, probing.state());

    circuits.forKey(key("other"));

    assertSame(probing, circuits.forKey(key("probing")));
    probe.onSuccess(1);
  }

  @Test
  void aHalfOpenCircuitWithNoProbeOutCanBeDroppedLikeAClosedOne() {
    CircuitBreakers circuits = registry(1);
    CircuitBreaker idle = circuits.forKey(key("idle"));
    open(idle);
    clock.advance(Duration.ofSeconds(30));
    assertEquals(CircuitState.HALF_OPEN, idle.state());

    circuits.forKey(key("other"));

    assertEquals(Set.of(key("other")), circuits.snapshot().keySet());
  }

  @Test
  void anOpenCircuitIsDroppedOnceItsOpenDurationHasEndedUnlooked() {
    CircuitBreakers circuits = registry(1);
    open(circuits.forKey(key("forgotten")));
    clock.advance(Duration.ofSeconds(30));

    circuits.forKey(key("other"));

    assertEquals(Set.of(key("other")), circuits.snapshot().keySet());
    assertEquals(CircuitState.CLOSED, circuits.forKey(key("forgotten")).state(), "a fresh circuit");
  }

  @Test
  void whenEveryCircuitIsOpenTheRegistryGrowsRatherThanForget() {
    CircuitBreakers circuits = registry(2);
    open(circuits.forKey(key("a")));
    open(circuits.forKey(key("b")));

    CircuitBreaker c = circuits.forKey(key("c"));

    assertEquals(3, circuits.size());
    assertSame(c, circuits.forKey(key("c")), "the newest circuit is never its own victim");
  }

  @Test
  void aRegistryThatGrewPastItsBoundShrinksBackOnceTheOpenDurationsEnd() {
    CircuitBreakers circuits = registry(2);
    for (String model : List.of("a", "b", "c", "d")) {
      open(circuits.forKey(key(model)));
    }
    assertEquals(4, circuits.size());
    clock.advance(Duration.ofSeconds(30));

    circuits.forKey(key("e"));

    assertEquals(2, circuits.size());
  }

  @Test
  void theSnapshotListsEveryCircuitInKeyOrderWithItsLiveState() {
    CircuitBreakers circuits = registry(10);
    circuits.forKey(new CircuitKey("openai", "gpt-4o-mini"));
    open(circuits.forKey(new CircuitKey("anthropic", "claude-opus-4-1")));
    circuits.forKey(new CircuitKey("openai", null));

    Map<CircuitKey, CircuitState> snapshot = circuits.snapshot();

    assertEquals(List.of("anthropic/claude-opus-4-1", "openai/?", "openai/gpt-4o-mini"),
        snapshot.keySet().stream().map(CircuitKey::toString).toList());
    assertEquals(List.of(CircuitState.OPEN, CircuitState.CLOSED, CircuitState.CLOSED),
        List.copyOf(snapshot.values()));
    clock.advance(Duration.ofSeconds(30));
    assertEquals(CircuitState.HALF_OPEN, circuits.snapshot().get(new CircuitKey("anthropic", "claude-opus-4-1")));
  }

  @Test
  void concurrentFirstUsesOfOneKeyShareOneCircuit() throws InterruptedException {
    CircuitBreakers circuits = registry(10_000);
    Set<CircuitBreaker> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 32; t++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        seen.add(circuits.forKey(key("gpt-4o")));
      });
      threads.add(thread);
      thread.start();
    }

    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(1, seen.size());
  }

  @Test
  void theBoundMustBePositive() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> registry(0));
    assertTrue(error.getMessage().contains("maxCircuits"));
  }
}
