package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import java.util.ArrayList;
import java.util.List;

/** Events for export tests. */
final class TestEvents {
  static final long T0 = 1_795_000_000_000L;

  private TestEvents() {
  }

  /** A failed LLM call with every field the OTLP mapping renames. */
  static Event llmFailure(long millis) {
    return Event.builder(EventKinds.LLM_CALL).timestampMillis(millis)
        .put(EventFields.CATEGORY, "rate_limited")
        .put(EventFields.SEVERITY, "warning")
        .put(EventFields.RETRYABLE, true)
        .put(EventFields.HTTP_STATUS, 429)
        .put(EventFields.PROVIDER_ERROR_CODE, "rate_limit_exceeded")
        .put(EventFields.OUTCOME, "failed")
        .put(EventFields.PROVIDER, "openai")
        .put(EventFields.ENDPOINT, "https://api.openai.com/v1/chat/completions")
        .put(EventFields.MODEL, "gpt-4o")
        .put(EventFields.SERVED_MODEL, "gpt-4o-mini")
        .put(EventFields.MODELS_TRIED, List.of("gpt-4o", "gpt-4o-mini"))
        .put(EventFields.DURATION_MS, 1234L)
        .put(EventFields.SERVICE, "checkout")
        .put(EventFields.HOST, "host-1")
        .build();
  }

  /** Distinct events (distinct models, so none fold), numbered in their "seq" attribute. */
  static List<Event> numbered(int count) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(Event.builder(EventKinds.LLM_CALL).timestampMillis(T0 + i)
          .put(EventFields.CATEGORY, "transient")
          .put(EventFields.MODEL, "model-" + i)
          .put("seq", i)
          .build());
    }
    return events;
  }
}
