package dev.airbag.agent.telemetry.health;

import dev.airbag.agent.telemetry.alerts.ActiveAlert;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.redact.NameRedactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers' state as Airbag's circuits and alerts see it: {@code down} when every circuit of some endpoint
 * is open (none of its models takes calls), {@code degraded} when some circuit is open or half-open or some
 * alert fires (an error-rate alert included: errors are not an outage), {@code ok} otherwise. Immutable.
 */
public final class ProviderHealth {
  private final HealthStatus status;
  private final String reason;

  private ProviderHealth(HealthStatus status, String reason) {
    this.status = status;
    this.reason = reason;
  }

  static ProviderHealth of(Map<CircuitKey, CircuitState> circuits, List<ActiveAlert> alerts) {
    Map<String, Boolean> allOpen = new LinkedHashMap<>();
    List<String> notClosed = new ArrayList<>();
    for (Map.Entry<CircuitKey, CircuitState> e : circuits.entrySet()) {
      allOpen.merge(e.getKey().endpoint(), e.getValue() == CircuitState.OPEN, Boolean::logicalAnd);
      if (e.getValue() != CircuitState.CLOSED) {
        // Model names are the app's, shown by name only (never a key that was pasted into one).
        notClosed.add(NameRedactor.safe(e.getKey().toString()) + " " + e.getValue().wireName());
      }
    }
    List<String> firing = new ArrayList<>();
    alerts.forEach(alert -> firing.add(alert.name()));
    List<String> down = new ArrayList<>();
    allOpen.forEach((endpoint, open) -> {
      if (open) {
        down.add(endpoint);
      }
    });
    String detail = (notClosed.isEmpty() ? "" : "circuits " + String.join(", ", notClosed))
        + (notClosed.isEmpty() || firing.isEmpty() ? "" : "; ")
        + (firing.isEmpty() ? "" : "alerts firing: " + String.join(", ", firing));
    if (!down.isEmpty()) {
      return new ProviderHealth(HealthStatus.DOWN, "every circuit open for endpoint " + String.join(", ", down)
          + "; " + detail);
    }
    if (!detail.isEmpty()) {
      return new ProviderHealth(HealthStatus.DEGRADED, detail);
    }
    return new ProviderHealth(HealthStatus.OK, "every circuit closed, no alert firing");
  }

  public HealthStatus status() {
    return status;
  }

  /** One line for people: which endpoints are down, which circuits are not closed, which alerts fire. */
  public String reason() {
    return reason;
  }
}
