package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.time.Clock;

/**
 * Writes each circuit transition as an event of kind {@code circuit}. Runs on the app thread that caused the
 * transition, outside the breaker's lock: it only enqueues. Thread-safe.
 */
public final class CircuitEventWriter implements TransitionListener {
  private final EventDispatcher dispatcher;
  private final String service;
  private final String host;
  private final Clock clock;

  public CircuitEventWriter(EventDispatcher dispatcher, String service, String host, Clock clock) {
    this.dispatcher = dispatcher;
    this.service = service;
    this.host = host;
    this.clock = clock;
  }

  @Override
  public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason) {
    onTransition(key, from, to, reason, false);
  }

  @Override
  public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason, boolean learnt) {
    dispatcher.offer(Event.builder(EventKinds.CIRCUIT, clock)
        .put(EventFields.CIRCUIT_STATE, to.wireName())
        .put(EventFields.PREVIOUS_STATE, from.wireName())
        .put(EventFields.DECIDED_BY, learnt ? "fleet" : "here")
        .put(EventFields.SEVERITY, to == CircuitState.OPEN ? "warning" : "info")
        .put(EventFields.ENDPOINT_NAME, key.endpoint())
        .put(EventFields.MODEL, key.model())
        .put(EventFields.REASON, reason)
        .put(EventFields.SERVICE, service)
        .put(EventFields.HOST, host)
        .put(EventFields.THREAD, Thread.currentThread().getName())
        .build());
  }
}
