package dev.airbag.agent.telemetry.health;

import dev.airbag.agent.telemetry.alerts.ActiveAlert;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /health} answers: what the app sees ({@link AppHealth}) apart from the providers' state
 * ({@link ProviderHealth}), every circuit and the firing alerts. The overall status is the app's: calls served by
 * a fallback model are served, so a dead primary with a working fallback reads {@code ok} overall and
 * {@code down} for the providers. With no call in the window, the providers' status stands in: it is what the
 * next call would meet. Immutable.
 */
public final class HealthReport {
  private final AppHealth app;
  private final ProviderHealth providers;
  private final Map<CircuitKey, CircuitState> circuits;
  private final List<ActiveAlert> alerts;
  private final FleetHealth fleet;

  private HealthReport(AppHealth app, ProviderHealth providers, Map<CircuitKey, CircuitState> circuits,
      List<ActiveAlert> alerts, FleetHealth fleet) {
    this.app = app;
    this.providers = providers;
    this.circuits = circuits;
    this.alerts = alerts;
    this.fleet = fleet;
  }

  public static HealthReport of(AppHealth app, Map<CircuitKey, CircuitState> circuits, List<ActiveAlert> alerts) {
    Map<CircuitKey, CircuitState> copy = Collections.unmodifiableMap(new LinkedHashMap<>(circuits));
    List<ActiveAlert> alertCopy = List.copyOf(alerts);
    return new HealthReport(app, ProviderHealth.of(copy, alertCopy), copy, alertCopy, null);
  }

  /** This report with the fleet's side; null when no fleet is configured. */
  public HealthReport withFleet(FleetHealth fleet) {
    return new HealthReport(app, providers, circuits, alerts, fleet);
  }

  /** The fleet's side, or null when no fleet is configured. */
  public FleetHealth fleet() {
    return fleet;
  }

  /** The app's status, or the providers' when the app made no call in the window. */
  public HealthStatus status() {
    return app.calls() == 0 ? providers.status() : app.status();
  }

  public AppHealth app() {
    return app;
  }

  public ProviderHealth providers() {
    return providers;
  }

  public Map<CircuitKey, CircuitState> circuits() {
    return circuits;
  }

  public List<ActiveAlert> alerts() {
    return alerts;
  }
}
