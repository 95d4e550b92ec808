package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpSinkTest {
  private static final ResourceInfo RESOURCE = new ResourceInfo("checkout", "host-1", "1.2.3");

  @TempDir
  Path spoolRoot;
  private FakeCollector collector;

  @BeforeEach
  void startCollector() throws Exception {
    collector = new FakeCollector();
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  @Test
  void otlpProtobufIsGzippedLogRecordsWithSemanticConventions() throws Exception {
    // given an OTLP sink with an auth header
    CollectorGroup sinks = start(OtlpProtocol.HTTP_PROTOBUF);
    Event event = TestEvents.llmFailure(TestEvents.T0);

    // when an LLM failure is exported
    sinks.write(List.of(event));
    assertTrue(sinks.flush(Duration.ofSeconds(20)));
    sinks.close();

    // then the receiver decodes it with the official classes
    FakeCollector.Request request = collector.requests.get(0);
    assertEquals("/base/v1/logs", request.path());
    assertEquals("application/x-protobuf", request.header("Content-Type"));
    assertEquals("gzip", request.header("Content-Encoding"));
    assertEquals("Bearer token", request.header("Authorization"));
    ResourceLogs resourceLogs = ExportLogsServiceRequest.parseFrom(request.body()).getResourceLogs(0);
    assertEquals(Map.of("service.name", "checkout", "host.name", "host-1", "telemetry.sdk.name", "airbag",
        "telemetry.sdk.language", "java", "telemetry.sdk.version", "1.2.3"),
        plain(resourceLogs.getResource().getAttributesList()));
    assertEquals("dev.airbag.agent", resourceLogs.getScopeLogs(0).getScope().getName());
    LogRecord record = resourceLogs.getScopeLogs(0).getLogRecords(0);
    assertEquals(13, record.getSeverityNumberValue());
    assertEquals("WARN", record.getSeverityText());
    assertEquals(TestEvents.T0 * 1_000_000L, record.getTimeUnixNano());
    assertEquals("llm_call rate_limited gpt-4o", record.getBody().getStringValue());
    assertEquals("airbag.llm_call", record.getEventName());
    Map<String, Object> attributes = plain(record.getAttributesList());
    assertEquals(event.id(), attributes.get("airbag.id"));
    assertEquals("rate_limited", attributes.get("error.type"));
    assertEquals("chat", attributes.get("gen_ai.operation.name"));
    assertEquals("openai", attributes.get("gen_ai.provider.name"));
    assertEquals("gpt-4o", attributes.get("gen_ai.request.model"));
    assertEquals("gpt-4o-mini", attributes.get("gen_ai.response.model"));
    assertEquals("api.openai.com", attributes.get("server.address"));
    assertEquals(429L, attributes.get("http.response.status_code"));
    assertEquals("rate_limit_exceeded", attributes.get("airbag.provider_error_code"));
    assertEquals(true, attributes.get("airbag.retryable"));
    assertEquals(1234L, attributes.get("airbag.duration_ms"));
    assertEquals(List.of("gpt-4o", "gpt-4o-mini"), attributes.get("airbag.models_tried"));
    assertFalse(attributes.containsKey("airbag.service"), "service is a resource attribute");
  }

  @Test
  void otlpJsonFollowsTheOtlpJsonEncoding() {
    // given an OTLP sink speaking http/json
    CollectorGroup sinks = start(OtlpProtocol.HTTP_JSON);
    Event event = TestEvents.llmFailure(TestEvents.T0);

    // when an LLM failure is exported
    sinks.write(List.of(event));
    assertTrue(sinks.flush(Duration.ofSeconds(20)));
    sinks.close();

    // then the JSON has OTLP's camelCase names, integer enums and 64-bit integers as strings
    FakeCollector.Request request = collector.requests.get(0);
    assertEquals("application/json", request.header("Content-Type"));
    Map<String, Object> resourceLogs = first(JsonValues.object(JsonValues.parse(request.body())), "resourceLogs");
    Map<String, Object> resource = JsonValues.object(resourceLogs.get("resource"));
    assertEquals(Map.of("stringValue", "checkout"), jsonAttributes(resource).get("service.name"));
    assertEquals(Map.of("stringValue", "airbag"), jsonAttributes(resource).get("telemetry.sdk.name"));
    Map<String, Object> scopeLogs = first(resourceLogs, "scopeLogs");
    assertEquals("dev.airbag.agent", JsonValues.object(scopeLogs.get("scope")).get("name"));
    Map<String, Object> record = first(scopeLogs, "logRecords");
    assertEquals(Long.toString(TestEvents.T0 * 1_000_000L), record.get("timeUnixNano"));
    assertEquals(13L, record.get("severityNumber"));
    assertEquals("WARN", record.get("severityText"));
    assertEquals(Map.of("stringValue", "llm_call rate_limited gpt-4o"), record.get("body"));
    Map<String, Object> attributes = jsonAttributes(record);
    assertEquals(Map.of("stringValue", "rate_limited"), attributes.get("error.type"));
    assertEquals(Map.of("intValue", "429"), attributes.get("http.response.status_code"));
    assertEquals(Map.of("boolValue", true), attributes.get("airbag.retryable"));
    assertEquals(Map.of("arrayValue", Map.of("values", List.of(Map.of("stringValue", "gpt-4o"),
        Map.of("stringValue", "gpt-4o-mini")))), attributes.get("airbag.models_tried"));
    assertEquals(Map.of("stringValue", event.id()), attributes.get("airbag.id"));
  }

  private CollectorGroup start(OtlpProtocol protocol) {
    DeliverySettings delivery = TestSinks.fast(spoolRoot);
    CollectorSettings endpoint = CollectorSettings.of(collector.base().resolve("/base/"),
        Map.of("Authorization", "Bearer token"), true, null);
    return new CollectorSinks(delivery, Clock.SYSTEM, new RecordingLog()).otlp(protocol, endpoint, RESOURCE).start();
  }

  private static Map<String, Object> plain(List<KeyValue> attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach(kv -> out.put(kv.getKey(), plain(kv.getValue())));
    return out;
  }

  private static Object plain(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> value.getIntValue();
      case BOOL_VALUE -> value.getBoolValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpSinkTest::plain).toList();
      default -> throw new AssertionError("unexpected " + value.getValueCase());
    };
  }

  private static Map<String, Object> first(Map<String, Object> object, String arrayField) {
    return JsonValues.object(JsonValues.array(object.get(arrayField)).get(0));
  }

  private static Map<String, Object> jsonAttributes(Map<String, Object> holder) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object attribute : JsonValues.array(holder.get("attributes"))) {
      Map<String, Object> kv = JsonValues.object(attribute);
      out.put((String) kv.get("key"), JsonValues.object(kv.get("value")));
    }
    return out;
  }
}
