package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Builds collector sinks against a fake collector, with delivery timings short enough for tests. */
final class TestSinks {
  private TestSinks() {
  }

  /** Spooling under {@code spoolRoot}, flushing every 20 ms, retrying within 10-40 ms; plus the given keys. */
  static DeliverySettings fast(Path spoolRoot, String... keysAndValues) {
    List<Object> keys = new ArrayList<>(List.of("airbag.export.spool.dir", spoolRoot,
        "airbag.export.flush-interval", "20ms", "airbag.export.shutdown-timeout", "2s"));
    keys.addAll(List.of(keysAndValues));
    return DeliverySettings.from(TestConfig.with(keys.toArray()), "test-service")
        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));
  }

  static CollectorSink http(FakeCollector collector, DeliverySettings delivery, Map<String, String> headers,
      ExportLog log) {
    CollectorSettings url = CollectorSettings.of(collector.base().resolve("/events"), headers, false, null);
    return new CollectorSinks(delivery, Clock.SYSTEM, log).http(url).start().sinks().get(0);
  }

  static CollectorSink http(FakeCollector collector, DeliverySettings delivery) {
    return http(collector, delivery, Map.of(), new RecordingLog());
  }

  /** The ids of the events a JSON-array request carried, in order. */
  static List<String> ids(FakeCollector.Request request) {
    List<String> ids = new ArrayList<>();
    for (Object event : JsonValues.array(JsonValues.parse(request.body()))) {
      ids.add((String) JsonValues.object(event).get("id"));
    }
    return ids;
  }

  /** The ids of every event the collector accepted, in arrival order. */
  static List<String> acceptedIds(FakeCollector collector) {
    List<String> ids = new ArrayList<>();
    collector.accepted().forEach(r -> ids.addAll(ids(r)));
    return ids;
  }

  static List<String> idsOf(List<Event> events) {
    return events.stream().map(Event::id).toList();
  }

  /** Waits for an asynchronous outcome, up to a generous bound; false if it never came. */
  static boolean eventually(BooleanSupplier condition, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }
}
