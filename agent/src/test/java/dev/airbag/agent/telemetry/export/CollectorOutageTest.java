package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorOutageTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @TempDir
  Path spoolRoot;
  private FakeCollector collector;
  private final AtomicBoolean down = new AtomicBoolean();

  @BeforeEach
  void startCollector() throws IOException {
    collector = new FakeCollector();
    collector.responder = n -> down.get() ? FakeCollector.Reply.status(503) : FakeCollector.Reply.ok();
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  @Test
  void everyEventArrivesExactlyOnceAndInOrderAfterAnOutage() {
    // given a sink delivering to a healthy collector
    CollectorSink sink = TestSinks.http(collector, TestSinks.fast(spoolRoot, "airbag.export.batch-size", "50"));
    List<Event> events = TestEvents.numbered(1000);
    sink.write(events.subList(0, 100));
    assertTrue(sink.flush(BOUND));

    // when the collector goes down while events keep coming, then comes back
    down.set(true);
    sink.write(events.subList(100, 200));
    assertTrue(TestSinks.eventually(() -> collector.requests.stream().anyMatch(r -> r.status() == 503), BOUND));
    for (int from = 200; from < 900; from += 100) {
      sink.write(events.subList(from, from + 100));
    }
    assertTrue(TestSinks.eventually(() -> sink.spooled() >= 800, BOUND), "batches spooled while down");
    down.set(false);
    sink.write(events.subList(900, 1000));

    // then every event arrives once, in the order it was handed in
    assertTrue(sink.flush(BOUND));
    assertEquals(TestSinks.idsOf(events), TestSinks.acceptedIds(collector));
    assertEquals(1000, sink.sent());
    assertEquals(0, sink.dropped());
    sink.close();
    assertEquals(List.of(), spoolFiles(sink.spoolDirectory()));
  }

  @Test
  void aRestartedExporterDeliversWhatThePreviousRunSpooled() {
    // given a run that ends while its collector is down
    down.set(true);
    DeliverySettings delivery = TestSinks.fast(spoolRoot, "airbag.export.batch-size", "40");
    CollectorSink firstRun = TestSinks.http(collector, delivery);
    List<Event> events = TestEvents.numbered(400);
    firstRun.write(events.subList(0, 300));
    firstRun.close();
    assertEquals(0, firstRun.sent());
    assertEquals(300, firstRun.spooled());
    assertFalse(spoolFiles(firstRun.spoolDirectory()).isEmpty());

    // when the next run starts against a collector that is back, and gets new events at once
    down.set(false);
    CollectorSink nextRun = TestSinks.http(collector, delivery);
    nextRun.write(events.subList(300, 400));

    // then the spooled events come first, all of them once, with their original ids and timestamps
    assertTrue(nextRun.flush(BOUND));
    assertEquals(TestSinks.idsOf(events), TestSinks.acceptedIds(collector));
    Object firstTimestamp = JsonValues.object(JsonValues.array(
        JsonValues.parse(collector.accepted().get(0).body())).get(0)).get("timestamp");
    assertEquals(EventJson.formatTimestamp(TestEvents.T0), firstTimestamp);
    nextRun.close();
    assertEquals(List.of(), spoolFiles(nextRun.spoolDirectory()));
  }

  @Test
  void pastTheSpoolLimitTheOldestEventsAreDroppedAndCounted() throws IOException {
    // given a collector that is down and says to come back in an hour, and a small spool
    collector.responder = n -> new FakeCollector.Reply(503, Map.of("Retry-After", "3600"), "");
    long limit = 8 * 1024;
    DeliverySettings delivery = TestSinks.fast(spoolRoot, "airbag.export.batch-size", "10",
        "airbag.export.spool.max-size", String.valueOf(limit)).withMaxRetryAfter(Duration.ofHours(2));
    RecordingLog log = new RecordingLog();
    CollectorSink sink = TestSinks.http(collector, delivery, Map.of(), log);
    List<Event> events = TestEvents.numbered(500);

    // when far more is written than the spool holds
    for (int from = 0; from < 500; from += 10) {
      sink.write(events.subList(from, from + 10));
    }
    sink.close();

    // then disk use stays under the limit, every event is either spooled or counted as dropped, logged once
    assertTrue(sink.dropped() > 0, "drops counted");
    assertTrue(diskBytes(sink.spoolDirectory()) <= limit, "disk use bounded");
    assertEquals(1, log.count("dropped"));

    // and the next run delivers the newest events, in order: the oldest were the ones dropped
    collector.responder = n -> FakeCollector.Reply.ok();
    CollectorSink nextRun = TestSinks.http(collector, delivery, Map.of(), log);
    assertTrue(nextRun.flush(BOUND));
    List<String> delivered = TestSinks.acceptedIds(collector);
    assertEquals(500, delivered.size() + sink.dropped());
    assertEquals(TestSinks.idsOf(events.subList(500 - delivered.size(), 500)), delivered);
    nextRun.close();
  }

  @Test
  void aBadRequestIsNeverRetried() {
    // given a collector that refuses every payload with a long explanation
    collector.responder = n -> new FakeCollector.Reply(400, Map.of(), "bad payload " + "x".repeat(2000));
    RecordingLog log = new RecordingLog();
    DeliverySettings noFolding = TestSinks.fast(spoolRoot, "airbag.export.dedupe-window", "0s");
    CollectorSink sink = TestSinks.http(collector, noFolding, Map.of(), log);

    // when three batches of the same events are sent
    for (int i = 0; i < 3; i++) {
      sink.write(TestEvents.numbered(5));
      assertTrue(sink.flush(BOUND));
    }

    // then each went out once, all are counted as rejected, and one short log line quotes the collector
    assertEquals(3, collector.requests.size());
    assertEquals(15, sink.rejected());
    assertEquals(0, sink.spooled());
    assertEquals(1, log.count("refused"));
    String line = log.lines.stream().filter(l -> l.contains("refused")).findFirst().orElseThrow();
    assertTrue(line.contains("HTTP 400: bad payload") && line.length() < 600, line);
    sink.close();
  }

  @Test
  void aRateLimitedCollectorsRetryAfterIsHonoured() {
    // given a collector that answers the first post with 429 and Retry-After: 1, with a 10-40 ms backoff
    collector.responder = n -> n == 1
        ? new FakeCollector.Reply(429, Map.of("Retry-After", "1"), "slow down") : FakeCollector.Reply.ok();
    CollectorSink sink = TestSinks.http(collector, TestSinks.fast(spoolRoot));

    // when a batch is sent
    sink.write(TestEvents.numbered(3));
    assertTrue(sink.flush(BOUND));

    // then the retry came no earlier than the collector asked (generous bound for timer slack)
    List<FakeCollector.Request> requests = collector.requests;
    assertEquals(2, requests.size());
    long gapMillis = (requests.get(1).receivedNanos() - requests.get(0).receivedNanos()) / 1_000_000;
    assertTrue(gapMillis >= 950, "waited " + gapMillis + " ms");
    assertEquals(3, sink.sent());
    sink.close();
  }

  private static List<Path> spoolFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".jsonl")).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static long diskBytes(Path dir) throws IOException {
    long total = 0;
    for (Path file : spoolFiles(dir)) {
      total += Files.size(file);
    }
    return total;
  }
}
