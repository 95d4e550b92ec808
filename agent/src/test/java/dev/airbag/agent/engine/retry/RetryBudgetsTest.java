package dev.airbag.agent.engine.retry;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RetryBudgetsTest {
  private final FakeClock clock = new FakeClock();

  @Test
  void eachEndpointKeepsOneBudget() {
    RetryBudgets budgets = new RetryBudgets(0.2, 3, clock);

    RetryBudget openai = budgets.forEndpoint("openai");

    assertSame(openai, budgets.forEndpoint("openai"));
    assertNotSame(openai, budgets.forEndpoint("anthropic"));
    assertEquals(2, budgets.size());
  }

  @Test
  void endpointsDoNotSpendEachOthersBudget() {
    RetryBudgets budgets = new RetryBudgets(0, 1, clock);
    RetryBudget openai = budgets.forEndpoint("openai");
    for (int i = 0; i < 10; i++) {
      openai.tryAcquireRetry();
    }

    assertFalse(openai.tryAcquireRetry());
    assertTrue(budgets.forEndpoint("anthropic").tryAcquireRetry());
  }

  @Test
  void pastTheBoundFurtherEndpointsShareOneOverflowBudget() {
    RetryBudgets budgets = new RetryBudgets(0.2, 3, Duration.ofSeconds(10), 2, clock);
    budgets.forEndpoint("a");
    budgets.forEndpoint("b");

    RetryBudget c = budgets.forEndpoint("c");

    assertSame(c, budgets.forEndpoint("d"));
    assertNotSame(c, budgets.forEndpoint("a"));
    assertEquals(2, budgets.size());
  }

  @Test
  void concurrentLookupsOfANewEndpointAllGetTheSameBudget() throws InterruptedException {
    RetryBudgets budgets = new RetryBudgets(0.2, 3, clock);
    Set<RetryBudget> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        seen.add(budgets.forEndpoint("openai"));
      });
      threads[t].start();
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(1, seen.size());
  }

  @Test
  void invalidSettingsFailAtConstruction() {
    assertThrows(IllegalArgumentException.class, () -> new RetryBudgets(-1, 3, clock));
    assertThrows(IllegalArgumentException.class,
        () -> new RetryBudgets(0.2, 3, Duration.ofSeconds(10), 0, clock));
    assertThrows(NullPointerException.class, () -> new RetryBudgets(0.2, 3, clock).forEndpoint(null));
  }
}
