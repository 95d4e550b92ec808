package dev.airbag.agent.engine.breaker;

/**
 * Hears every change of a circuit's state, once per change and in the order the changes happened for that
 * circuit. Called outside the breaker's lock, on whichever application thread caused or observed the change,
 * so it must be quick and must not block; an exception it throws is logged and otherwise ignored.
 */
public interface TransitionListener {
  /**
   * @param reason why, for people: {@code "failure rate 60% >= 50% over 20 attempts"}, {@code "probe failed"}
   */
  void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason);

  /**
   * The same, saying whether this instance decided the change or learnt it from the fleet (other instances sharing
   * state); listeners that do not care about the difference implement only the method above.
   */
  default void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason, boolean learnt) {
    onTransition(key, from, to, reason);
  }

  /** A listener that does nothing. */
  TransitionListener NONE = (key, from, to, reason) -> { };
}
