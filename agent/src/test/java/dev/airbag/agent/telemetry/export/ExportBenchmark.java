package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventDispatcher;
import dev.airbag.agent.telemetry.events.EventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prints the app thread's enqueue cost per event (median of several runs) with a healthy loopback collector
 * and with one that hangs, and the events per second a collector sink delivers to a loopback collector.
 * Not a test: run with {@code java -cp <test classpath> dev.airbag.agent.telemetry.export.ExportBenchmark}.
 */
public final class ExportBenchmark {
  private static final int RUNS = 9;
  private static final int EVENTS_PER_RUN = 5_000;
  private static final int THROUGHPUT_EVENTS = 200_000;

  private ExportBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path spool = Files.createTempDirectory("airbag-bench");
    try (FakeCollector healthy = new FakeCollector(); FakeCollector hanging = new FakeCollector()) {
      CountDownLatch never = new CountDownLatch(1);
      hanging.responder = n -> {
        never.await(10, TimeUnit.SECONDS);
        return FakeCollector.Reply.ok();
      };
      System.out.printf("enqueue, healthy collector:  %6d ns/event (median of %d runs of %d)%n",
          enqueueNanos(healthy, spool.resolve("healthy")), RUNS, EVENTS_PER_RUN);
      System.out.printf("enqueue, collector hangs 10s: %6d ns/event (median of %d runs of %d)%n",
          enqueueNanos(hanging, spool.resolve("hanging")), RUNS, EVENTS_PER_RUN);
      never.countDown();
      for (OtlpProtocol protocol : OtlpProtocol.values()) {
        System.out.printf("delivered, otlp %-13s %,9.0f events/s%n", protocol.wireName() + ":",
            throughput(healthy, protocol, spool.resolve("otlp-" + protocol.ordinal())));
      }
      System.out.printf("delivered, http JSON array:  %,9.0f events/s%n", throughput(healthy, null, spool.resolve("http")));
    }
  }

  private static DeliverySettings delivery(Object... keysAndValues) {
    return DeliverySettings.from(TestConfig.with(keysAndValues), "bench");
  }

  private static long enqueueNanos(FakeCollector collector, Path spool) {
    CollectorGroup sinks = new CollectorSinks(delivery("airbag.export.spool.dir", spool), Clock.SYSTEM,
        message -> { }).http(CollectorSettings.of(collector.base(), Map.of(), false, null)).start();
    EventDispatcher dispatcher = new EventDispatcher(List.<EventSink>of(sinks), 8192, Clock.SYSTEM);
    dispatcher.start();
    long[] perEvent = new long[RUNS];
    for (int run = 0; run < RUNS; run++) {
      List<Event> events = TestEvents.numbered(EVENTS_PER_RUN);
      long start = System.nanoTime();
      for (Event event : events) {
        dispatcher.offer(event);
      }
      perEvent[run] = (System.nanoTime() - start) / EVENTS_PER_RUN;
      dispatcher.flush(Duration.ofSeconds(10));
    }
    dispatcher.close(Duration.ofSeconds(1));
    Arrays.sort(perEvent);
    return perEvent[RUNS / 2];
  }

  private static double throughput(FakeCollector collector, OtlpProtocol protocol, Path spool) {
    DeliverySettings delivery = delivery("airbag.export.spool.dir", spool, "airbag.export.dedupe-window", "0s");
    CollectorSinks builder = new CollectorSinks(delivery, Clock.SYSTEM, message -> { });
    CollectorSettings target = CollectorSettings.of(collector.base(), Map.of(), protocol != null, null);
    CollectorGroup sinks = (protocol == null ? builder.http(target)
        : builder.otlp(protocol, target, new ResourceInfo("bench", "localhost", "bench"))).start();
    List<Event> events = TestEvents.numbered(THROUGHPUT_EVENTS);
    long start = System.nanoTime();
    for (int from = 0; from < events.size(); from += 512) {
      sinks.write(events.subList(from, Math.min(events.size(), from + 512)));
    }
    sinks.flush(Duration.ofMinutes(2));
    double seconds = (System.nanoTime() - start) / 1e9;
    long sent = sinks.sinks().get(0).sent();
    sinks.close();
    return sent / seconds;
  }
}
