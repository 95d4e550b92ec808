package dev.airbag.agent.engine.breaker;

/** One change of state and why it happened. Immutable. */
final class Transition {
  private final CircuitState from;
  private final CircuitState to;
  private final String reason;
  private final boolean learnt;

  Transition(CircuitState from, CircuitState to, String reason) {
    this(from, to, reason, false);
  }

  /** @param learnt whether the change was learnt from other instances rather than decided here */
  Transition(CircuitState from, CircuitState to, String reason, boolean learnt) {
    this.from = from;
    this.to = to;
    this.reason = reason;
    this.learnt = learnt;
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

  boolean learnt() {
    return learnt;
  }

  @Override
  public String toString() {
    return from + " -> " + to + " (" + reason + ")";
  }
}
