package dev.airbag.agent.engine.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The engine's only source of randomness, injected so that tests pass fixed numbers and check exact delays.
 * Implementations must be thread-safe.
 */
public interface RandomSource {
  /** A number in [0, 1). */
  double nextDouble();

  /** Backed by {@link ThreadLocalRandom}: no contention between calling threads. */
  RandomSource SYSTEM = () -> ThreadLocalRandom.current().nextDouble();
}
