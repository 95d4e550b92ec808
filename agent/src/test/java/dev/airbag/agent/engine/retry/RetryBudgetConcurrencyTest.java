package dev.airbag.agent.engine.retry;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetConcurrencyTest {
  private static final int THREADS = 8;
  private final FakeClock clock = new FakeClock();

  @Test
  void eightThreadsCountEveryRequestAndAreGrantedExactlyTheAllowance() throws InterruptedException {
    RetryBudget budget = new RetryBudget(0.2, 3, clock);
    runOnThreads(() -> {
      for (int i = 0; i < 500; i++) {
        budget.onRequest();
      }
    });
    AtomicLong granted = new AtomicLong();

    runOnThreads(() -> {
      for (int i = 0; i < 1_000; i++) {
        if (budget.tryAcquireRetry()) {
          granted.incrementAndGet();
        }
      }
    });

    assertEquals(4_000, budget.requestsInWindow());
    assertEquals(830, granted.get(), "0.2 x 4000 requests + 3/s x 10 s");
    assertEquals(830, budget.retriesInWindow());
  }

  @Test
  void interleavedRequestsAndRetriesNeverGrantMoreThanAllowed() throws InterruptedException {
    RetryBudget budget = new RetryBudget(0.2, 3, clock);
    AtomicLong granted = new AtomicLong();

    runOnThreads(() -> {
      for (int i = 0; i < 2_000; i++) {
        budget.onRequest();
        for (int retry = 0; retry < 3; retry++) {
          if (budget.tryAcquireRetry()) {
            granted.incrementAndGet();
          }
        }
      }
    });

    assertEquals(16_000, budget.requestsInWindow());
    assertEquals(granted.get(), budget.retriesInWindow());
    assertTrue(granted.get() <= 0.2 * 16_000 + 30, "granted " + granted.get());
    assertTrue(granted.get() >= 0.2 * 16_000 + 30 - THREADS * 3, "the allowance was used, granted " + granted.get());
  }

  private static void runOnThreads(Runnable work) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        work.run();
      });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
  }
}
