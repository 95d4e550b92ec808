package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.classify.Severity;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code /health} answers: every circuit's state, the firing alerts, and the verdict. Immutable. */
public final class HealthReport {
  private final HealthVerdict verdict;
  private final Map<CircuitKey, CircuitState> circuits;
  private final List<ActiveAlert> alerts;

  private HealthReport(HealthVerdict verdict, Map<CircuitKey, CircuitState> circuits, List<ActiveAlert> alerts) {
    this.verdict = verdict;
    this.circuits = circuits;
    this.alerts = alerts;
  }

  /** Judges the circuits and alerts by the rules of {@link HealthVerdict}. */
  public static HealthReport of(Map<CircuitKey, CircuitState> circuits, List<ActiveAlert> alerts) {
    Map<CircuitKey, CircuitState> copy = Collections.unmodifiableMap(new LinkedHashMap<>(circuits));
    List<ActiveAlert> alertCopy = List.copyOf(alerts);
    return new HealthReport(judge(copy, alertCopy), copy, alertCopy);
  }

  public HealthVerdict verdict() {
    return verdict;
  }

  public Map<CircuitKey, CircuitState> circuits() {
    return circuits;
  }

  public List<ActiveAlert> alerts() {
    return alerts;
  }

  private static HealthVerdict judge(Map<CircuitKey, CircuitState> circuits, List<ActiveAlert> alerts) {
    boolean anyAlert = !alerts.isEmpty();
    for (ActiveAlert alert : alerts) {
      if (alert.severity() == Severity.CRITICAL) {
        return HealthVerdict.CRITICAL;
      }
    }
    Map<String, Boolean> endpointAllOpen = new HashMap<>();
    boolean anyNotClosed = false;
    for (Map.Entry<CircuitKey, CircuitState> e : circuits.entrySet()) {
      boolean open = e.getValue() == CircuitState.OPEN;
      anyNotClosed |= e.getValue() != CircuitState.CLOSED;
      endpointAllOpen.merge(e.getKey().endpoint(), open, Boolean::logicalAnd);
    }
    if (endpointAllOpen.containsValue(Boolean.TRUE)) {
      return HealthVerdict.CRITICAL;
    }
    return anyNotClosed || anyAlert ? HealthVerdict.DEGRADED : HealthVerdict.HEALTHY;
  }
}
