package dev.airbag.agent.engine.retry;

import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * One {@link RetryBudget} per endpoint name, all with the same settings. The map is bounded: past
 * {@code maxEndpoints} names, further endpoints share one overflow budget, which still limits their retries.
 * Thread-safe; lookups of a known endpoint take no lock.
 */
public final class RetryBudgets {
  /** Far more endpoints than any config declares; the bound only guards against names built from traffic. */
  public static final int DEFAULT_MAX_ENDPOINTS = 1024;

  private final double ratio;
  private final double minPerSecond;
  private final Duration window;
  private final Clock clock;
  private final int maxEndpoints;
  private final ConcurrentHashMap<String, RetryBudget> budgets = new ConcurrentHashMap<>();
  private final ReentrantLock createLock = new ReentrantLock();
  private final RetryBudget overflow;

  public RetryBudgets(double ratio, double minPerSecond, Duration window, int maxEndpoints, Clock clock) {
    if (maxEndpoints < 1) {
      throw new IllegalArgumentException("maxEndpoints must be at least 1, got " + maxEndpoints);
    }
    this.ratio = ratio;
    this.minPerSecond = minPerSecond;
    this.window = window;
    this.clock = clock;
    this.maxEndpoints = maxEndpoints;
    // Built eagerly so that invalid settings fail here, at startup, not on the first call.
    this.overflow = new RetryBudget(ratio, minPerSecond, window, clock);
  }

  /** Budgets over the default 10 s window, for up to {@value #DEFAULT_MAX_ENDPOINTS} endpoints. */
  public RetryBudgets(double ratio, double minPerSecond, Clock clock) {
    this(ratio, minPerSecond, RetryBudget.DEFAULT_WINDOW, DEFAULT_MAX_ENDPOINTS, clock);
  }

  /** The budget of {@code endpointName}: the same instance on every call for the same name. */
  public RetryBudget forEndpoint(String endpointName) {
    Objects.requireNonNull(endpointName, "endpointName");
    RetryBudget budget = budgets.get(endpointName);
    if (budget != null) {
      return budget;
    }
    createLock.lock();
    try {
      budget = budgets.get(endpointName);
      if (budget != null) {
        return budget;
      }
      if (budgets.size() >= maxEndpoints) {
        return overflow;
      }
      budget = new RetryBudget(ratio, minPerSecond, window, clock);
      budgets.put(endpointName, budget);
      return budget;
    } finally {
      createLock.unlock();
    }
  }

  /** Each endpoint's own budget, by endpoint name (not the overflow's, which no name stands for). */
  public void forEach(BiConsumer<String, RetryBudget> action) {
    budgets.forEach(action);
  }

  /** How many endpoints have a budget of their own. */
  public int size() {
    return budgets.size();
  }
}
