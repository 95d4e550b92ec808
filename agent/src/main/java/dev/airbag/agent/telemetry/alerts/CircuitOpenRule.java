package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.telemetry.metrics.Totals;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.classify.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fires while any circuit is open or half-open, or when one opened since the previous evaluation (it may have
 * closed again in between, and that episode still deserves an alert); resolves when every circuit is closed.
 * The value is the number of circuits not closed, the threshold 0. Immutable.
 */
final class CircuitOpenRule implements AlertRule {
  static final String NAME = "circuit_open";
  /** Bounds the circuit list carried by one event. */
  private static final int MAX_LISTED = 20;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public AlertReading read(Totals window, Totals sinceLast, Map<CircuitKey, CircuitState> circuits) {
    List<String> notClosed = new ArrayList<>();
    int count = 0;
    for (Map.Entry<CircuitKey, CircuitState> e : circuits.entrySet()) {
      if (e.getValue() != CircuitState.CLOSED) {
        count++;
        if (notClosed.size() < MAX_LISTED) {
          notClosed.add(e.getKey() + "=" + e.getValue().wireName());
        }
      }
    }
    boolean breached = count > 0 || sinceLast.circuitOpens > 0;
    String detail = count + " circuit(s) not closed, " + sinceLast.circuitOpens + " opened since the last check";
    return new AlertReading(breached, Math.max(count, breached ? 1 : 0), 0, circuits.size(), detail, notClosed);
  }
}
