package dev.airbag.agent.engine.breaker;

/**
 * Whether this instance may send a half-open circuit's probes now. Alone, always; in a fleet only the instance that
 * holds the fleet's probe lease for the circuit does, so that the provider gets the configured number of probes in
 * all, not that many per instance. Asked under the breaker's lock on the app's thread: implementations read local
 * state only, must be quick, never block and never throw. Thread-safe.
 */
public interface ProbeGate {
  /** Whether a probe of this circuit may go out from this instance. */
  boolean mayProbe(CircuitKey key);

  /** Every instance probes for itself: the engine alone. */
  ProbeGate ALONE = key -> true;
}
