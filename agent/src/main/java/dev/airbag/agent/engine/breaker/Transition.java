package dev.airbag.agent.engine.breaker;

/** One change of state and why it happened. Immutable. */
final class Transition {
  private final CircuitState from;
  private final CircuitState to;
  private final String reason;

  Transition(CircuitState from, CircuitState to, String reason) {
    this.from = from;
    this.to = to;
    this.reason = reason;
  }

  CircuitState from() {
    return from;
  }

  CircuitState to() {
    return to;
  }

  String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return from + " -> " + to + " (" + reason + ")";
  }
}
