package dev.airbag.agent.support;

import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/** The one wait-on-a-condition loop of the agent's background threads. Stateless. */
public final class Waits {
  private Waits() {}

  /**
   * Under the condition's lock: waits until {@code done}, at most {@code timeoutNanos}; false on timeout, on
   * {@code given up}, or on interrupt (the interrupt is kept).
   */
  public static boolean until(Condition condition, BooleanSupplier done, BooleanSupplier givenUp, long timeoutNanos) {
    long remaining = timeoutNanos;
    try {
      while (!done.getAsBoolean()) {
        if (givenUp.getAsBoolean() || remaining <= 0) {
          return false;
        }
        remaining = condition.awaitNanos(remaining);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
