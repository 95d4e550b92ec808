package dev.airbag.bench.inprocess;

import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many threads through one {@link CircuitBreaker}: closed (each call takes a permit and reports a success, the
 * locked path) and open (each call is rejected, the lock-free path). Reports calls per second, after a warm-up of a
 * quarter of the measured time.
 */
final class BreakerThroughput {
  private BreakerThroughput() {
  }

  static double closed(int threads, double seconds) throws InterruptedException {
    CircuitBreaker breaker = breaker();
    return callsPerSecond(threads, seconds, () -> {
      CircuitBreaker.Permit permit = breaker.tryAcquire();
      if (permit == null) {
        throw new IllegalStateException("a closed breaker with only successes rejected a call");
      }
      permit.onSuccess(1_000);
    });
  }

  static double open(int threads, double seconds) throws InterruptedException {
    CircuitBreaker breaker = breaker();
    for (int i = 0; i < 100; i++) {
      breaker.tryAcquire().onFailure(1_000);
    }
    if (breaker.state() != CircuitState.OPEN) {
      throw new IllegalStateException("the breaker did not open");
    }
    return callsPerSecond(threads, seconds, () -> {
      if (breaker.tryAcquire() != null) {
        throw new IllegalStateException("an open breaker admitted a call");
      }
    });
  }

  private static CircuitBreaker breaker() {
    return new CircuitBreaker(new CircuitKey("bench", "gpt-4o-mini"),
        new BreakerConfig(100, 100, 50, null, Duration.ofHours(1), 3), Clock.SYSTEM, TransitionListener.NONE);
  }

  private static double callsPerSecond(int threads, double seconds, Runnable call) throws InterruptedException {
    run(threads, seconds / 4, call);
    return run(threads, seconds, call);
  }

  private static double run(int threads, double seconds, Runnable call) throws InterruptedException {
    LongAdder total = new LongAdder();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    long[] deadline = new long[1];
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        ready.countDown();
        awaitQuietly(go);
        long count = 0;
        while (System.nanoTime() < deadline[0]) {
          call.run();
          count++;
        }
        total.add(count);
      }, "breaker-bench-" + t);
      workers.add(worker);
      worker.start();
    }
    ready.await();
    long start = System.nanoTime();
    deadline[0] = start + (long) (seconds * 1e9);
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    return total.sum() / ((System.nanoTime() - start) / 1e9);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
