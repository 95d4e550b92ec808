package dev.airbag.agent.fleet;

import java.util.Map;

/**
 * The fleet's view of one circuit, as one sync read it: the run of unhealthy attempts in a row across the fleet,
 * the attempts of the last two seconds, the last decision, the probe lease's holder, and the rate-limit cooldowns
 * asked for (credential digest to epoch milliseconds). Immutable.
 */
final class CircuitView {
  private final String circuit;
  private final long runFailures;
  private final long runStartMillis;
  private final long windowAttempts;
  private final long windowUnhealthy;
  private final FleetState state;
  private final String probeHolder;
  private final Map<String, Long> cooldowns;

  CircuitView(String circuit, long runFailures, long runStartMillis, long windowAttempts, long windowUnhealthy,
      FleetState state, String probeHolder, Map<String, Long> cooldowns) {
    this.circuit = circuit;
    this.runFailures = runFailures;
    this.runStartMillis = runStartMillis;
    this.windowAttempts = windowAttempts;
    this.windowUnhealthy = windowUnhealthy;
    this.state = state;
    this.probeHolder = probeHolder == null || probeHolder.isEmpty() ? null : probeHolder;
    this.cooldowns = Map.copyOf(cooldowns);
  }

  String circuit() {
    return circuit;
  }

  long runFailures() {
    return runFailures;
  }

  long runStartMillis() {
    return runStartMillis;
  }

  long windowAttempts() {
    return windowAttempts;
  }

  long windowUnhealthy() {
    return windowUnhealthy;
  }

  /** The last decision, or null when the fleet has made none (or forgot it). */
  FleetState state() {
    return state;
  }

  /** The instance holding the probe lease, or null. */
  String probeHolder() {
    return probeHolder;
  }

  Map<String, Long> cooldowns() {
    return cooldowns;
  }
}
