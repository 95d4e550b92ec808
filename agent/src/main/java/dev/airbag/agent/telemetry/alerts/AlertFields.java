package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.telemetry.events.EventFields;

/**
 * The fields of {@code alert} events, by the names this package uses; the names and their meanings live in
 * {@link EventFields}, with every other field.
 */
public final class AlertFields {
  public static final String STATE = EventFields.STATE;
  /** The {@link #STATE} of an episode's first event. */
  public static final String FIRING = "firing";
  /** The {@link #STATE} of an episode's last event. */
  public static final String RESOLVED = "resolved";
  public static final String SAMPLES = EventFields.SAMPLES;
  public static final String WINDOW_SECONDS = EventFields.WINDOW_SECONDS;
  public static final String CIRCUITS = EventFields.CIRCUITS;

  private AlertFields() {
  }
}
