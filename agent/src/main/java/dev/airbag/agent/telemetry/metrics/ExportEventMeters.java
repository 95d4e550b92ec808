package dev.airbag.agent.telemetry.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@value MetricNames#EXPORT_EVENTS} function counters, one per (sink, result), reading the exporter's
 * totals live when the registry publishes. Micrometer holds a function counter's object weakly, so this class
 * keeps the readers reachable. A source that throws reports its last good total rather than failing the
 * scrape. Thread-safe.
 */
final class ExportEventMeters {
  private final List<Reader> readers = new ArrayList<>();

  ExportEventMeters(MeterRegistry registry, Collection<String> sinks, ExportStatsSource source,
      QuietFailures failures) {
    for (String sink : sinks) {
      for (ExportResult result : ExportResult.values()) {
        Reader reader = new Reader(source, sink, result, failures);
        readers.add(reader);
        FunctionCounter.builder(MetricNames.EXPORT_EVENTS, reader, Reader::read)
            .description(MetricNames.help(MetricNames.EXPORT_EVENTS))
            .tags(MetricNames.TAG_SINK, sink, MetricNames.TAG_RESULT, result.wireName())
            .register(registry);
      }
    }
  }

  int size() {
    return readers.size();
  }

  /** Reads one (sink, result) total. */
  private static final class Reader {
    private final ExportStatsSource source;
    private final String sink;
    private final ExportResult result;
    private final QuietFailures failures;
    private volatile double last;

    Reader(ExportStatsSource source, String sink, ExportResult result, QuietFailures failures) {
      this.source = source;
      this.sink = sink;
      this.result = result;
      this.failures = failures;
    }

    double read() {
      try {
        // A counter that went down would read as a reset to Prometheus; keep the highest total seen.
        last = Math.max(last, source.total(sink, result));
      } catch (RuntimeException e) {
        failures.report("reading export totals of " + sink, e);
      }
      return last;
    }
  }
}
