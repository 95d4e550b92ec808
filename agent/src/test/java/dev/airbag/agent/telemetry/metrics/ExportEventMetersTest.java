package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExportEventMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Map<String, Long> totals = new ConcurrentHashMap<>();
  private final AtomicBoolean broken = new AtomicBoolean();
  private final ExportStatsSource source = (sink, result) -> {
    if (broken.get()) {
      throw new IllegalStateException("exporter gone");
    }
    return totals.getOrDefault(sink + "/" + result.wireName(), 0L);
  };

  private double count(String sink, String result) {
    return registry.get(MetricNames.EXPORT_EVENTS).tags("sink", sink, "result", result).functionCounter().count();
  }

  @Test
  void everySinkGetsOneCounterPerResultThatReadsTheExporterLive() {
    ExportEventMeters counters = new ExportEventMeters(registry, List.of("file", "otlp"), source,
        new QuietFailures(new FakeClock()));
    assertEquals(8, counters.size());
    assertEquals(0, count("otlp", "spooled"));

    totals.put("otlp/spooled", 42L);
    totals.put("file/sent", 7L);

    assertEquals(42, count("otlp", "spooled"));
    assertEquals(7, count("file", "sent"));
    assertEquals(0, count("otlp", "rejected"));
  }

  @Test
  void aSourceThatThrowsOrGoesBackwardsKeepsTheLastTotal() {
    new ExportEventMeters(registry, List.of("http"), source, new QuietFailures(new FakeClock()));
    totals.put("http/dropped", 5L);
    assertEquals(5, count("http", "dropped"));

    broken.set(true);
    assertEquals(5, count("http", "dropped"));

    broken.set(false);
    totals.put("http/dropped", 3L);
    assertEquals(5, count("http", "dropped"));
  }
}
