package dev.airbag.agent.telemetry.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationAttributesTest {
  private static final long NOW = 1_795_341_600_123L;

  @Test
  void anHttpVerdictBecomesStandardFieldsInAFixedOrder() {
    Classification verdict = Classification.builder(Category.RATE_LIMITED).httpStatus(429)
        .providerErrorCode("rate_limit_exceeded").waitHintMillis(2000).detail("slow down")
        .reason("openai error.code=rate_limit_exceeded").build();

    Event event = ClassificationAttributes.put(Event.builder(EventKinds.LLM_CALL).timestampMillis(NOW), verdict)
        .build();

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("category", "rate_limited");
    expected.put("severity", "warning");
    expected.put("escalation", "none");
    expected.put("retryable", true);
    expected.put("user_message", Category.RATE_LIMITED.userMessage());
    expected.put("http_status", 429);
    expected.put("provider_error_code", "rate_limit_exceeded");
    expected.put("wait_hint_ms", 2000L);
    expected.put("detail", "slow down");
    expected.put("reason", "openai error.code=rate_limit_exceeded");
    assertEquals(expected.entrySet().stream().toList(), event.attributes().entrySet().stream().toList());
  }

  @Test
  void aTransportVerdictHasNoStatusNorWaitHint() {
    Classification verdict = Classification.builder(Category.TIMEOUT)
        .exceptionType("java.net.SocketTimeoutException").build();

    Event event = ClassificationAttributes.put(Event.builder(EventKinds.LLM_CALL).timestampMillis(NOW), verdict)
        .build();

    assertNull(event.get(EventFields.HTTP_STATUS));
    assertNull(event.get(EventFields.WAIT_HINT_MS));
    assertEquals("java.net.SocketTimeoutException", event.get(EventFields.EXCEPTION_TYPE));
    assertEquals("timeout", event.get(EventFields.CATEGORY));
  }
}
