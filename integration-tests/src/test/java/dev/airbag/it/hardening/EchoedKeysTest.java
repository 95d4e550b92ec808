package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdks;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys of shapes Airbag has no pattern for (a 39-char lowercase key as Azure's api-key, a plain key= value) and of
 * newer providers (a 32-char Mistral key, hf_, pa-), echoed by the provider's 401, thrown by openai-java on an app
 * thread named after one, and pasted as a model name: none reaches the events file, the OTLP or HTTP collector,
 * the spool, /metrics, /health or Airbag's log lines. The request's own credentials are masked by value.
 */
class EchoedKeysTest {
  static final String AZURE = "q7w2e9r4t1y6u3i8o5p0a2s7d4f1g9h6j3k8l5z";
  static final String MISTRAL = "Xk29fjQ02mZpL0aPq93nB7xYv3Lk2QmZ";
  static final String HF = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345";
  static final String PA = "pa-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd";
  static final String PLAIN = "canaryplainsecret0from0the0query";
  static final List<String> KEYS = List.of(AZURE, MISTRAL, HF, PA, PLAIN);

  @TempDir Path dir;

  @Test
  void echoedKeysOfEveryShapeAppearInNothingAirbagProduces() throws Exception {
    String echo = "Incorrect API key provided: " + String.join(", ", KEYS) + ".";
    try (FaultServer server = FaultServer.start(); LoopbackCollector otlp = new LoopbackCollector()) {
      server.plan(FaultPlans.byModel(Map.of("m-echo", FaultPlans.always(
          Faults.openAiError(401, "invalid_request_error", "invalid_api_key", echo))),
          FaultPlans.always(Faults.overloaded())));
      Path spool = dir.resolve("spool");
      int scrapePort = freePort();
      AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
          .set("airbag.export.sinks", "file,otlp,http")
          .set("airbag.export.otlp.endpoint", "http://127.0.0.1:" + otlp.port())
          .set("airbag.export.otlp.protocol", "http/json")
          .set("airbag.export.http.url", "http://127.0.0.1:" + freePort() + "/events")
          .set("airbag.export.spool.dir", spool.toString()).set("airbag.export.shutdown-timeout", "2s")
          .set("airbag.export.flush-interval", "50ms").set("airbag.metrics.otlp.enabled", "false")
          .set("airbag.metrics.prometheus.port", String.valueOf(scrapePort)).set("airbag.log.level", "debug");

      ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
          .run(EchoedKeyApp.class.getName(), server.baseUrl(), AZURE, MISTRAL, HF, PA, PLAIN,
              String.valueOf(scrapePort));

      assertTrue(result.stdout().contains("raw call 401") && result.stdout().contains("SCRAPE /health 200"),
          result.toString());
      String events = Events.raw(config.eventsFile());
      assertTrue(events.contains("\"kind\":\"exception\"") && events.contains("\"kind\":\"llm_call\""), events);
      assertClean("the events file", events);
      assertTrue(waitFor(() -> !otlp.requests().isEmpty()), "the OTLP collector got events");
      assertClean("the OTLP collector", String.join("\n", otlp.requests()));
      assertClean("the /metrics and /health output", result.stdout().substring(result.stdout().indexOf("SCRAPE")));
      assertClean("Airbag's log lines", String.join("\n", result.airbagLines()));
      String spooled;
      try (Stream<Path> files = Files.walk(spool)) {
        spooled = files.filter(Files::isRegularFile).map(EchoedKeysTest::read).collect(Collectors.joining("\n"));
      }
      assertTrue(spooled.contains("llm_call"), "the dead HTTP collector's batches were spooled: " + spooled);
      assertClean("the spool", spooled);
    }
  }

  private static void assertClean(String where, String text) {
    for (String key : KEYS) {
      assertFalse(text.contains(key), where + " contains " + key + ":\n" + text);
      assertFalse(text.contains(key.substring(0, 12)), where + " contains the start of " + key + ":\n" + text);
    }
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
