package dev.airbag.agent.telemetry.health;

import dev.airbag.agent.engine.breaker.CircuitKey;

/**
 * What {@code /health} says about the fleet when one is configured: whether Redis is reached, and for each open
 * circuit whether this instance opened it or learnt it from the fleet. Implementations read local state only and are
 * thread-safe.
 */
public interface FleetHealth {
  /** Whether the last sync reached Redis. */
  boolean connected();

  /** {@code "here"} or {@code "fleet"} for an open circuit; null otherwise. */
  String openedBy(CircuitKey key);
}
