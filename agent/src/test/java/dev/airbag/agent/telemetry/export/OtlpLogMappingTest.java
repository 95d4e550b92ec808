package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtlpLogMappingTest {
  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({"info, 9, INFO", "warning, 13, WARN", "critical, 17, ERROR", "'', 9, INFO"})
  void severityFollowsTheEventsSeverity(String severity, int number, String text) {
    Event event = Event.builder(EventKinds.CIRCUIT).timestampMillis(TestEvents.T0)
        .put(EventFields.SEVERITY, severity.isEmpty() ? null : severity).build();

    OtlpLog log = OtlpLogMapping.map(event);

    assertEquals(number, log.severityNumber);
    assertEquals(text, log.severityText);
  }

  @Test
  void anExceptionUsesTheExceptionConventions() {
    Event event = Event.builder(EventKinds.EXCEPTION).timestampMillis(TestEvents.T0)
        .put(EventFields.EXCEPTION_TYPE, "java.lang.IllegalStateException")
        .put(EventFields.DETAIL, "boom")
        .put(EventFields.STACK, List.of("at a.B.c(B.java:1)", "at a.B.d(B.java:2)"))
        .put(EventFields.FINGERPRINT, "f00d")
        .build();

    Map<String, Object> attributes = attributes(OtlpLogMapping.map(event));

    assertEquals("java.lang.IllegalStateException", attributes.get("exception.type"));
    assertEquals("boom", attributes.get("exception.message"));
    assertEquals("at a.B.c(B.java:1)\nat a.B.d(B.java:2)", attributes.get("exception.stacktrace"));
    assertEquals("f00d", attributes.get("airbag.fingerprint"));
    assertFalse(attributes.containsKey("gen_ai.operation.name"));
  }

  @Test
  void aProvidersErrorTextIsNotAnExceptionMessage() {
    Event event = Event.builder(EventKinds.LLM_CALL).timestampMillis(TestEvents.T0)
        .put(EventFields.DETAIL, "Rate limit reached").build();

    Map<String, Object> attributes = attributes(OtlpLogMapping.map(event));

    assertEquals("Rate limit reached", attributes.get("airbag.detail"));
    assertFalse(attributes.containsKey("exception.message"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"openai, openai", "anthropic, anthropic", "azure-openai, azure.ai.openai", "gemini, gcp.gemini"})
  void providersUseTheSemanticConventionsNames(String wireName, String expected) {
    assertEquals(expected, OtlpLogMapping.providerName(wireName));
  }

  private static Map<String, Object> attributes(OtlpLog log) {
    Map<String, Object> out = new LinkedHashMap<>();
    log.attributes.forEach(a -> out.put(a.key, a.value));
    return out;
  }
}
