package dev.airbag.agent.engine.breaker;

import java.util.Locale;

/** The three states of a circuit, with their names in events and their values on the state gauge. */
public enum CircuitState {
  CLOSED(0),
  HALF_OPEN(1),
  OPEN(2);

  private final int gaugeValue;

  CircuitState(int gaugeValue) {
    this.gaugeValue = gaugeValue;
  }

  /** The lower-case name used in events, {@code /health} and metric tags ({@code half_open}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value of the state gauge: 0 closed, 1 half-open, 2 open, so that a higher line is worse. */
  public int gaugeValue() {
    return gaugeValue;
  }
}
