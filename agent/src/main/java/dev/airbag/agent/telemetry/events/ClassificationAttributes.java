package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.engine.classify.Classification;

/**
 * Copies a classifier verdict into an event under the standard field names, so every producer of failure
 * events (LLM calls, the exception capture) spells them the same way. Stateless.
 */
public final class ClassificationAttributes {
  private ClassificationAttributes() {
  }

  /**
   * Puts category, severity, escalation, retryable, user_message, then whichever of http_status,
   * provider_error_code, wait_hint_ms, exception_type, detail and reason the verdict carries.
   */
  public static Event.Builder put(Event.Builder event, Classification verdict) {
    event.put(EventFields.CATEGORY, verdict.category().wireName())
        .put(EventFields.SEVERITY, verdict.severity().wireName())
        .put(EventFields.ESCALATION, verdict.escalation().wireName())
        .put(EventFields.RETRYABLE, verdict.retryable())
        .put(EventFields.USER_MESSAGE, verdict.userMessage());
    // -1 means "none" in the verdict; an absent field says so without a magic number.
    if (verdict.httpStatus() >= 0) {
      event.put(EventFields.HTTP_STATUS, verdict.httpStatus());
    }
    event.put(EventFields.PROVIDER_ERROR_CODE, verdict.providerErrorCode());
    if (verdict.waitHintMillis() >= 0) {
      event.put(EventFields.WAIT_HINT_MS, verdict.waitHintMillis());
    }
    return event.put(EventFields.EXCEPTION_TYPE, verdict.exceptionType())
        .put(EventFields.DETAIL, verdict.detail())
        .put(EventFields.REASON, verdict.reason());
  }
}
