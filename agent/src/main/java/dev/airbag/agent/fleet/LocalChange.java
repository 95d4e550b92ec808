package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.call.RequestHeaders;
import dev.airbag.agent.engine.redact.RequestCredentials;

/**
 * Something this instance decided on an app's thread that the fleet should hear at the next sync: its circuit
 * opened or closed, or a 429 asked it to wait. Immutable.
 */
final class LocalChange {
  final FleetCircuit circuit;
  /** The state entered, or null for a rate-limit cooldown. */
  final CircuitState to;
  final String reason;
  final long cooldownUntilMillis;
  /** The rate-limited request's headers and query, whose credential the sync thread digests. */
  final RequestHeaders headers;
  final String rawQuery;

  private LocalChange(FleetCircuit circuit, CircuitState to, String reason, long cooldownUntilMillis,
      RequestHeaders headers, String rawQuery) {
    this.circuit = circuit;
    this.to = to;
    this.reason = reason;
    this.cooldownUntilMillis = cooldownUntilMillis;
    this.headers = headers;
    this.rawQuery = rawQuery;
  }

  static LocalChange transition(FleetCircuit circuit, CircuitState to, String reason) {
    return new LocalChange(circuit, to, reason, 0, null, null);
  }

  static LocalChange cooldown(FleetCircuit circuit, long untilMillis, RequestHeaders headers, String rawQuery) {
    return new LocalChange(circuit, null, null, untilMillis, headers, rawQuery);
  }

  /** The digest of the rate-limited request's credential. */
  String credential() {
    return Digests.credential(RequestCredentials.values(headers, rawQuery));
  }
}
