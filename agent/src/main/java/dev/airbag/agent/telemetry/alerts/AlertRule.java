package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.telemetry.metrics.Totals;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.classify.Severity;
import java.util.Map;

/** One alert rule over the metrics: reads what happened and says whether it is breached. Stateless, thread-safe. */
interface AlertRule {
  /** The rule's name in events and {@code /health} ({@code rate_limited}). */
  String name();

  Severity severity();

  /**
   * @param window what happened over the sliding window
   * @param sinceLast what happened since the previous evaluation
   * @param circuits every circuit's state now
   */
  AlertReading read(Totals window, Totals sinceLast, Map<CircuitKey, CircuitState> circuits);
}
