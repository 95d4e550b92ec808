package dev.airbag.bench.inprocess;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigSources;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventDispatcher;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import dev.airbag.agent.telemetry.events.EventSink;
import dev.airbag.agent.telemetry.export.CollectorGroup;
import dev.airbag.agent.telemetry.export.CollectorSettings;
import dev.airbag.agent.telemetry.export.CollectorSinks;
import dev.airbag.agent.telemetry.export.DeliverySettings;
import dev.airbag.agent.telemetry.export.OtlpProtocol;
import dev.airbag.agent.telemetry.export.ResourceInfo;
import dev.airbag.bench.Stats;
import dev.airbag.bench.apps.ChildReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Export costs, ported from the agent's own {@code ExportBenchmark}: the app thread's enqueue cost per event (median
 * of 9 runs of 5,000 after 3 warm-up runs) with a healthy collector and with one that hangs, and the events per second the collector
 * sinks deliver to a loopback collector in each encoding. Arguments: {@code THROUGHPUT_EVENTS}.
 */
public final class ExportBenchmark {
  private static final int RUNS = 9;
  private static final int EVENTS_PER_RUN = 5_000;
  /** Runs thrown away first, so that the measured ones see compiled code. */
  private static final int WARMUP_RUNS = 3;

  private ExportBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int throughputEvents = Integer.parseInt(args[0]);
    Path spool = Files.createTempDirectory("airbag-bench-export");
    try (LoopbackCollector collector = new LoopbackCollector()) {
      ChildReport.put("enqueue_healthy_ns", enqueueNanos(collector, spool.resolve("healthy")));
      collector.hang();
      ChildReport.put("enqueue_hanging_ns", enqueueNanos(collector, spool.resolve("hanging")));
      collector.release();
      ChildReport.put("otlp_protobuf_events_per_s",
          throughput(collector, OtlpProtocol.HTTP_PROTOBUF, throughputEvents, spool.resolve("otlp-proto")));
      ChildReport.put("otlp_json_events_per_s",
          throughput(collector, OtlpProtocol.HTTP_JSON, throughputEvents, spool.resolve("otlp-json")));
      ChildReport.put("http_events_per_s", throughput(collector, null, throughputEvents, spool.resolve("http")));
    }
  }

  /** The key table's delivery defaults with the given keys, set as {@code -D} properties would set them. */
  private static DeliverySettings delivery(Object... keysAndValues) {
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      keys.put(keysAndValues[i].toString(), keysAndValues[i + 1].toString());
    }
    return DeliverySettings.from(AirbagConfig.load(ConfigSources.of(null, keys, Map.of())), "bench");
  }

  private static double enqueueNanos(LoopbackCollector collector, Path spool) {
    CollectorGroup sinks = new CollectorSinks(delivery("airbag.export.spool.dir", spool), Clock.SYSTEM,
        message -> { }).http(CollectorSettings.of(collector.base(), Map.of(), false, null)).start();
    EventDispatcher dispatcher = new EventDispatcher(List.<EventSink>of(sinks), 8192, Clock.SYSTEM);
    dispatcher.start();
    double[] perEvent = new double[RUNS];
    for (int run = -WARMUP_RUNS; run < RUNS; run++) {
      List<Event> events = numbered(EVENTS_PER_RUN);
      long start = System.nanoTime();
      for (Event event : events) {
        dispatcher.offer(event);
      }
      long elapsed = System.nanoTime() - start;
      if (run >= 0) {
        perEvent[run] = elapsed / (double) EVENTS_PER_RUN;
      }
      dispatcher.flush(Duration.ofSeconds(10));
    }
    dispatcher.close(Duration.ofSeconds(1));
    return Stats.median(perEvent);
  }

  private static double throughput(LoopbackCollector collector, OtlpProtocol protocol, int count, Path spool) {
    DeliverySettings delivery = delivery("airbag.export.spool.dir", spool, "airbag.export.dedupe-window", "0s");
    CollectorSinks builder = new CollectorSinks(delivery, Clock.SYSTEM, System.err::println);
    CollectorSettings target = CollectorSettings.of(collector.base(), Map.of(), protocol != null, null);
    CollectorGroup sinks = (protocol == null ? builder.http(target)
        : builder.otlp(protocol, target, new ResourceInfo("bench", "localhost", "bench"))).start();
    List<Event> events = numbered(count);
    long start = System.nanoTime();
    for (int from = 0; from < events.size(); from += 512) {
      sinks.write(events.subList(from, Math.min(events.size(), from + 512)));
    }
    sinks.flush(Duration.ofMinutes(2));
    double seconds = (System.nanoTime() - start) / 1e9;
    long sent = sinks.sinks().get(0).sent();
    sinks.close();
    if (sent != count) {
      throw new IllegalStateException("delivered " + sent + " of " + count + " events");
    }
    return sent / seconds;
  }

  /** Distinct events (distinct models, so that none fold into another). */
  private static List<Event> numbered(int count) {
    List<Event> events = new ArrayList<>(count);
    long t0 = System.currentTimeMillis();
    for (int i = 0; i < count; i++) {
      events.add(Event.builder(EventKinds.LLM_CALL).timestampMillis(t0 + i)
          .put(EventFields.CATEGORY, "transient")
          .put(EventFields.SEVERITY, "warning")
          .put(EventFields.OUTCOME, "recovered")
          .put(EventFields.PROVIDER, "openai")
          .put(EventFields.MODEL, "model-" + i)
          .put(EventFields.HTTP_STATUS, 503)
          .put(EventFields.DURATION_MS, 812L)
          .build());
    }
    return events;
  }
}
