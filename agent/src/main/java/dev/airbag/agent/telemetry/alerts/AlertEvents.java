package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;

/** Builds the {@code alert} events of an episode's start and end. Immutable, thread-safe. */
public final class AlertEvents {
  private final String service;
  private final String host;
  private final long windowSeconds;

  public AlertEvents(String service, String host, long windowSeconds) {
    this.service = service;
    this.host = host;
    this.windowSeconds = windowSeconds;
  }

  Event firing(AlertRule rule, AlertReading reading, long nowMillis) {
    return base(rule, reading, AlertFields.FIRING, nowMillis).build();
  }

  Event resolved(AlertRule rule, AlertReading reading, ActiveAlert episode, long nowMillis) {
    return base(rule, reading, AlertFields.RESOLVED, nowMillis)
        .put(EventFields.DURATION_MS, Math.max(0, nowMillis - episode.sinceMillis()))
        .build();
  }

  private Event.Builder base(AlertRule rule, AlertReading reading, String state, long nowMillis) {
    return Event.builder(EventKinds.ALERT).timestampMillis(nowMillis)
        .put(EventFields.ALERT, rule.name())
        .put(AlertFields.STATE, state)
        .put(EventFields.SEVERITY, rule.severity().wireName())
        .put(EventFields.VALUE, reading.value)
        .put(EventFields.THRESHOLD, reading.threshold)
        .put(AlertFields.SAMPLES, reading.samples)
        .put(AlertFields.WINDOW_SECONDS, windowSeconds)
        .put(EventFields.DETAIL, reading.detail)
        .put(AlertFields.CIRCUITS, reading.circuits.isEmpty() ? null : reading.circuits)
        .put(EventFields.SERVICE, service)
        .put(EventFields.HOST, host);
  }
}
