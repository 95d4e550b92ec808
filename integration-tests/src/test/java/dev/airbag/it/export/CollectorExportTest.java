package dev.airbag.it.export;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.OpenAiChatApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SDK in a child JVM, its failures shipped to an OTLP receiver on loopback that decodes them officially. */
class CollectorExportTest {
  static final String CANARY = "sk-proj-EXPORTCANARY55aa77bb99cc";

  @TempDir Path dir;
  FaultServer llm;
  HttpServer collector;
  final List<ExportLogsServiceRequest> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    llm = FaultServer.start();
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext("/v1/logs", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      InputStream in = new ByteArrayInputStream(body);
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      received.add(ExportLogsServiceRequest.parseFrom(in));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
  }

  @AfterEach
  void stop() {
    llm.close();
    collector.stop(0);
  }

  @Test
  void failuresReachAnOtlpCollectorWithSemanticConventionsAndNoSecret() throws Exception {
    llm.plan(always(Faults.openAiError(429, "insufficient_quota", "insufficient_quota",
        "You exceeded your current quota. Key: " + CANARY)));
    AgentConfig config = AgentConfig.in(dir).faultServer(llm.port())
        .set("airbag.service.name", "loan-service")
        .set("airbag.export.sinks", "file,otlp")
        .set("airbag.export.otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort())
        .set("airbag.export.spool.dir", dir.resolve("spool").toString())
        .set("airbag.metrics.otlp.enabled", "false");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(OpenAiChatApp.class.getName(), llm.baseUrl() + "/v1", CANARY, "gpt-4o", "sync", "1", "0");

    assertEquals(0, result.exitCode(), result.toString());
    List<ResourceLogs> resources = received.stream().flatMap(r -> r.getResourceLogsList().stream()).toList();
    assertFalse(resources.isEmpty(), "the collector received the event before the JVM exited: " + result);
    Map<String, String> resource = attributes(resources.get(0).getResource().getAttributesList());
    assertEquals("loan-service", resource.get("service.name"));
    assertEquals("airbag", resource.get("telemetry.sdk.name"));
    LogRecord record = resources.get(0).getScopeLogs(0).getLogRecords(0);
    Map<String, String> attributes = attributes(record.getAttributesList());
    assertEquals("quota_exhausted", attributes.get("error.type"));
    assertEquals("gpt-4o", attributes.get("gen_ai.request.model"));
    assertEquals("openai", attributes.get("gen_ai.provider.name"));
    assertEquals("429", attributes.get("http.response.status_code"));
    assertEquals("127.0.0.1", attributes.get("server.address"));
    assertEquals(17, record.getSeverityNumberValue(), "critical maps to ERROR");
    assertFalse(received.toString().contains("EXPORTCANARY"), "no secret leaves the process");
  }

  @Test
  void eventsSpooledWhileTheCollectorIsDownAreDeliveredOnceByTheNextRun() throws Exception {
    llm.plan(always(Faults.anthropicOverloaded()));
    int port = collector.getAddress().getPort();
    collector.stop(0);
    AgentConfig down = exportingTo(port).set("airbag.retry.max-attempts", "1").set("airbag.retry.replay-window", "0s");

    // First run: the collector is down for its whole life; what it could not send waits in the spool.
    ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(down.write())
        .run(OpenAiChatApp.class.getName(), llm.baseUrl() + "/v1", "sk-test", "gpt-4o", "sync", "3", "0");
    List<String> written = dev.airbag.it.support.Events.read(down.eventsFile()).stream()
        .map(e -> e.path("id").asText()).toList();
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    collector.createContext("/v1/logs", exchange -> {
      InputStream in = new GZIPInputStream(new ByteArrayInputStream(exchange.getRequestBody().readAllBytes()));
      received.add(ExportLogsServiceRequest.parseFrom(in));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
    llm.plan(always(Faults.success()));

    // Second run: the collector is back; the spool goes out first.
    ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(down.write())
        .run(OpenAiChatApp.class.getName(), llm.baseUrl() + "/v1", "sk-test", "gpt-4o", "sync", "1", "0");

    List<String> delivered = received.stream().flatMap(r -> r.getResourceLogsList().stream())
        .flatMap(r -> r.getScopeLogsList().stream()).flatMap(s -> s.getLogRecordsList().stream())
        .map(record -> attributes(record.getAttributesList()).get("airbag.id")).toList();
    assertEquals(3, written.size(), "three failed calls in the first run");
    assertEquals(written, delivered, "every event exactly once, in order");
  }

  private AgentConfig exportingTo(int port) throws IOException {
    return AgentConfig.in(dir).faultServer(llm.port())
        .set("airbag.export.sinks", "file,otlp")
        .set("airbag.export.otlp.endpoint", "http://127.0.0.1:" + port)
        .set("airbag.export.spool.dir", dir.resolve("spool").toString())
        .set("airbag.export.shutdown-timeout", "1s")
        // Identical failures would fold into one summary; this test follows every event by id.
        .set("airbag.export.dedupe-window", "0s")
        .set("airbag.metrics.otlp.enabled", "false");
  }

  private static Map<String, String> attributes(List<KeyValue> values) {
    return values.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().hasStringValue()
        ? kv.getValue().getStringValue() : kv.getValue().hasIntValue() ? String.valueOf(kv.getValue().getIntValue())
        : kv.getValue().toString().trim(), (a, b) -> a));
  }
}
