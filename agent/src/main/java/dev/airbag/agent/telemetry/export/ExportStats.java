package dev.airbag.agent.telemetry.export;

/**
 * What one collector sink did with its events, for the Micrometer binder ({@code airbag.export.events} tagged
 * by sink and result). Counters only grow; each is a count of events, not of requests. Read from any thread.
 */
public interface ExportStats {
  /** The sink's name ({@code otlp}, {@code http}): the metric's sink tag. */
  String sink();

  /** Events the collector acknowledged with a 2xx. */
  long sent();

  /** Events written to the disk spool while the collector was down or slow (each time it happened). */
  long spooled();

  /** Events lost: evicted past the spool limit, unreadable spool files, or nowhere to spool them. */
  long dropped();

  /** Events the collector refused for good (400, 413, 422): never retried. */
  long rejected();

  /** Identical events folded into another (each folded event is delivered as part of a count). */
  long folded();

  /** Bytes the sink's spool holds now (a gauge). */
  long spoolBytes();
}
