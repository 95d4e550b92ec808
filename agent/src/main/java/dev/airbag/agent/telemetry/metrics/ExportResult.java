package dev.airbag.agent.telemetry.metrics;

import java.util.Locale;

/** How an exported event ended, as the {@value MetricNames#TAG_RESULT} tag of {@value MetricNames#EXPORT_EVENTS}. */
public enum ExportResult {
  /** The collector accepted it. */
  SENT,
  /** Written to the disk spool while the collector was unreachable. */
  SPOOLED,
  /** Lost: past the spool limit, or left over at shutdown. */
  DROPPED,
  /** The collector refused it for good (a 400), so it is not retried. */
  REJECTED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
