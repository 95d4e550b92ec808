package dev.airbag.agent.telemetry.alerts;

/**
 * Fields of {@code alert} events beyond {@link dev.airbag.agent.telemetry.events.EventFields} (which already names
 * {@code alert}, {@code severity}, {@code value}, {@code threshold}, {@code detail}); candidates to move there.
 */
public final class AlertFields {
  /** {@value #FIRING} when an episode begins, {@value #RESOLVED} when it ends. */
  public static final String STATE = "state";
  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";
  /** How many attempts or calls the window held (the ratio's denominator). */
  public static final String SAMPLES = "samples";
  /** The sliding window's length. */
  public static final String WINDOW_SECONDS = "window_seconds";
  /** The circuits not closed, as {@code endpoint/model=state} (circuit rule only). */
  public static final String CIRCUITS = "circuits";

  private AlertFields() {
  }
}
