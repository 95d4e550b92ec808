package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventDispatcher;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloodAndStallTest {
  @TempDir
  Path spoolRoot;
  private FakeCollector collector;

  @BeforeEach
  void startCollector() throws IOException {
    collector = new FakeCollector();
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  @Test
  void aCollectorThatHangsForTenSecondsNeverBlocksOffer() throws Exception {
    // given a collector that holds every request for up to 10 s, behind the real dispatcher
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    collector.responder = n -> {
      entered.countDown();
      release.await(10, TimeUnit.SECONDS);
      return FakeCollector.Reply.ok();
    };
    CollectorGroup collectors = new CollectorSinks(TestSinks.fast(spoolRoot), Clock.SYSTEM,
        new RecordingLog()).http(CollectorSettings.of(collector.base(), Map.of(), false, null)).start();
    EventDispatcher dispatcher = new EventDispatcher(List.<EventSink>of(collectors), 8192, Clock.SYSTEM);
    dispatcher.start();
    dispatcher.offer(TestEvents.llmFailure(TestEvents.T0));
    assertTrue(entered.await(20, TimeUnit.SECONDS), "the collector is holding a request");

    // when the app offers five thousand distinct events meanwhile (within the dispatcher's queue)
    List<Event> events = TestEvents.numbered(5_000);
    long start = System.nanoTime();
    for (Event event : events) {
      dispatcher.offer(event);
    }
    long offerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // then offering took nowhere near the hang, and the dispatcher is not stuck behind the collector either
    assertTrue(offerMillis < 5_000, "offers took " + offerMillis + " ms");
    assertTrue(dispatcher.flush(Duration.ofSeconds(5)), "the dispatcher handed everything to the sink");
    assertEquals(0, dispatcher.dropped());

    // and once the collector answers, everything is delivered
    release.countDown();
    assertTrue(collectors.flush(Duration.ofSeconds(20)));
    assertEquals(5_001, collectors.sinks().get(0).sent());
    dispatcher.close(Duration.ofSeconds(10));
  }

  @Test
  void tenThousandIdenticalFailuresReachTheCollectorAsAHandfulOfEventsWithTheirTotalCount() {
    // given a sink with the default 10 s dedupe window
    CollectorSink sink = TestSinks.http(collector, TestSinks.fast(spoolRoot));

    // when ten thousand identical failures arrive within it
    List<Event> flood = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      flood.add(TestEvents.llmFailure(TestEvents.T0 + i / 10));
    }
    for (int from = 0; from < flood.size(); from += 500) {
      sink.write(flood.subList(from, from + 500));
    }
    sink.close();

    // then the collector got a handful of events whose counts add up to ten thousand, first and last times kept
    List<Map<String, Object>> received = new ArrayList<>();
    collector.accepted().forEach(r -> JsonValues.array(JsonValues.parse(r.body()))
        .forEach(e -> received.add(JsonValues.object(e))));
    assertTrue(received.size() <= 3, received.size() + " events");
    long total = received.stream().mapToLong(e -> (Long) e.getOrDefault(EventFields.COUNT, 1L)).sum();
    assertEquals(10_000, total);
    Map<String, Object> summary = received.get(received.size() - 1);
    assertEquals("2026-11-18T11:06:40.000Z", received.get(0).get("timestamp"));
    assertEquals("2026-11-18T11:06:40.000Z", summary.get(EventFields.FIRST_SEEN));
    assertEquals("2026-11-18T11:06:40.999Z", summary.get(EventFields.LAST_SEEN));
    assertEquals(9_999, sink.folded());
  }
}
