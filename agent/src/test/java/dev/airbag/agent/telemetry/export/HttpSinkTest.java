package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSinkTest {
  private static final String CANARY = "canary-7f3a9c51e2";

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
  void eachBatchIsPostedAsAJsonArrayOfTheEventObjects() {
    // given an http sink batching by three
    CollectorSink sink = TestSinks.http(collector, TestSinks.fast(spoolRoot, "airbag.export.batch-size", "3"));
    List<Event> events = TestEvents.numbered(5);

    // when five events are exported
    sink.write(events);
    assertTrue(sink.flush(Duration.ofSeconds(20)));
    sink.close();

    // then two arrays arrived, holding exactly the objects of the JSON-lines file
    assertEquals(2, collector.requests.size());
    assertEquals("application/json", collector.requests.get(0).header("Content-Type"));
    assertEquals(null, collector.requests.get(0).header("Content-Encoding"));
    List<Object> first = JsonValues.array(JsonValues.parse(collector.requests.get(0).body()));
    assertEquals(3, first.size());
    assertEquals(JsonValues.parse(EventJson.toJsonLine(events.get(0))), first.get(0));
    assertEquals(TestSinks.idsOf(events), TestSinks.acceptedIds(collector));
    assertEquals(5, sink.sent());
  }

  @Test
  void aSecretHeaderIsSentButNeverSpooledOrLogged() throws IOException {
    // given a collector that checks the token and is failing, and a sink with a canary secret header
    collector.responder = n -> new FakeCollector.Reply(503, Map.of(), "unavailable");
    RecordingLog log = new RecordingLog();
    Map<String, String> headers = Map.of("Authorization", "Bearer " + CANARY);
    CollectorSink sink = TestSinks.http(collector, TestSinks.fast(spoolRoot), headers, log);

    // when events are exported, retried and spooled at close
    sink.write(List.of(TestEvents.llmFailure(TestEvents.T0)));
    assertTrue(TestSinks.eventually(() -> sink.spooled() > 0, Duration.ofSeconds(20)));
    sink.close();

    // then the collector got the header, but no spool file, log line or description holds it
    assertEquals("Bearer " + CANARY, collector.requests.get(0).header("Authorization"));
    assertFalse(log.lines.isEmpty());
    log.lines.forEach(line -> assertFalse(line.contains(CANARY), line));
    try (Stream<Path> files = Files.walk(spoolRoot)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(CANARY), file.toString());
      }
    }
    CollectorSettings settings = CollectorSettings.of(collector.base(), headers, false,
        new TrustStoreSettings(spoolRoot.resolve("trust.p12"), CANARY, "PKCS12"));
    assertFalse(settings.toString().contains(CANARY), settings.toString());
  }
}
