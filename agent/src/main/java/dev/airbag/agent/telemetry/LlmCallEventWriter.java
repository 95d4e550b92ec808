package dev.airbag.agent.telemetry;

import dev.airbag.agent.engine.call.CallListener;
import dev.airbag.agent.engine.call.CallRecord;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Turns every LLM call that did not succeed at its first attempt into one {@code llm_call} event and hands it to
 * the dispatcher. Runs on the app's thread: builds a small object and enqueues it, nothing more. Thread-safe.
 */
public final class LlmCallEventWriter implements CallListener {
  private final EventDispatcher dispatcher;
  private final String service;
  private final String host;
  private final Clock clock;

  public LlmCallEventWriter(EventDispatcher dispatcher, String service, String host, Clock clock) {
    this.dispatcher = dispatcher;
    this.service = service;
    this.host = host;
    this.clock = clock;
  }

  @Override
  public void onCallFinished(CallRecord record) {
    if (record.outcome() == Outcome.SUCCEEDED) {
      return;
    }
    dispatcher.offer(toEvent(record));
  }

  Event toEvent(CallRecord record) {
    Event.Builder event = Event.builder(EventKinds.LLM_CALL, clock).timestampMillis(record.startMillis());
    if (record.failure() != null) {
      ClassificationAttributes.put(event, record.failure());
    }
    return event.put(EventFields.OUTCOME, record.outcome().wireName())
        .put(EventFields.PROVIDER, record.request().endpoint().provider().wireName())
        .put(EventFields.ENDPOINT_NAME, record.request().endpoint().name())
        .put(EventFields.ENDPOINT, record.request().safeUrl())
        .put(EventFields.MODEL, record.request().model())
        .put(EventFields.SERVED_MODEL, record.servedModel())
        .put(EventFields.MODELS_TRIED, record.modelsTried().isEmpty() ? null : record.modelsTried())
        .put(EventFields.ATTEMPTS, record.attempts())
        .put(EventFields.DURATION_MS, TimeUnit.NANOSECONDS.toMillis(record.durationNanos()))
        .put(EventFields.WAITED_MS, record.waitedNanos() > 0 ? TimeUnit.NANOSECONDS.toMillis(record.waitedNanos()) : null)
        .put(EventFields.STREAMED, record.request().streamed())
        .put(EventFields.BYTES_DELIVERED, record.bytesDelivered() >= 0 ? record.bytesDelivered() : null)
        .put(EventFields.NOTE, record.note())
        .put(EventFields.SERVICE, service)
        .put(EventFields.HOST, host)
        .put(EventFields.THREAD, record.threadName())
        .build();
  }
}
