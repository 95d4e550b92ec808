package dev.airbag.agent.engine.breaker;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal changes of state, as data: closed opens; open goes half-open; half-open closes or reopens. Any
 * other change is a bug in the breaker, never a runtime condition, so it fails loudly.
 */
final class Transitions {
  private static final Map<CircuitState, Set<CircuitState>> LEGAL = table();

  private Transitions() {
  }

  static boolean isLegal(CircuitState from, CircuitState to) {
    return LEGAL.get(from).contains(to);
  }

  /** @throws IllegalStateException when the change is not in the table */
  static void check(CircuitState from, CircuitState to) {
    if (!isLegal(from, to)) {
      throw new IllegalStateException("illegal circuit transition " + from + " -> " + to);
    }
  }

  private static Map<CircuitState, Set<CircuitState>> table() {
    Map<CircuitState, Set<CircuitState>> table = new EnumMap<>(CircuitState.class);
    table.put(CircuitState.CLOSED, EnumSet.of(CircuitState.OPEN));
    table.put(CircuitState.OPEN, EnumSet.of(CircuitState.HALF_OPEN));
    table.put(CircuitState.HALF_OPEN, EnumSet.of(CircuitState.CLOSED, CircuitState.OPEN));
    return Collections.unmodifiableMap(table);
  }
}
