package dev.airbag.agent.fleet;

import java.util.List;
import java.util.Objects;

/**
 * What one instance tells the fleet about one circuit since its last sync: attempts, unhealthy ones, the unhealthy
 * ones in a row at the end (after the last success, if any) and when that run began; and the credential digests
 * whose rate-limit cooldowns it wants to read. Immutable.
 */
final class CircuitReport {
  private final String circuit;
  private final int attempts;
  private final int unhealthy;
  private final int trailingUnhealthy;
  private final boolean succeeded;
  private final long runStartMillis;
  private final List<String> credentials;

  CircuitReport(String circuit, int attempts, int unhealthy, int trailingUnhealthy, boolean succeeded,
      long runStartMillis, List<String> credentials) {
    this.circuit = Objects.requireNonNull(circuit, "circuit");
    this.attempts = attempts;
    this.unhealthy = unhealthy;
    this.trailingUnhealthy = trailingUnhealthy;
    this.succeeded = succeeded;
    this.runStartMillis = runStartMillis;
    this.credentials = List.copyOf(credentials);
  }

  /** Only reads the circuit's fleet state: nothing to add. */
  static CircuitReport readOnly(String circuit, List<String> credentials) {
    return new CircuitReport(circuit, 0, 0, 0, false, 0, credentials);
  }

  /** The circuit's digest: the Redis keys never hold endpoint or model names. */
  String circuit() {
    return circuit;
  }

  int attempts() {
    return attempts;
  }

  int unhealthy() {
    return unhealthy;
  }

  int trailingUnhealthy() {
    return trailingUnhealthy;
  }

  boolean succeeded() {
    return succeeded;
  }

  long runStartMillis() {
    return runStartMillis;
  }

  List<String> credentials() {
    return credentials;
  }
}
