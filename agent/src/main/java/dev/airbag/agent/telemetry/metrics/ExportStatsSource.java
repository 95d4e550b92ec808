package dev.airbag.agent.telemetry.metrics;

/**
 * Read-only running totals of the exporter, supplied by the integrator (a method reference onto the exporter's
 * counters) so that {@value MetricNames#EXPORT_EVENTS} reads them live at publish time instead of being fed
 * event by event. Must be thread-safe and cheap, and totals must never decrease.
 */
@FunctionalInterface
public interface ExportStatsSource {
  /** Events of this sink ({@code file}, {@code otlp}, {@code http}) that ended with this result so far. */
  long total(String sink, ExportResult result);
}
