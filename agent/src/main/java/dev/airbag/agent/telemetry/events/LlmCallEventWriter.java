package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.engine.call.CallListener;
import dev.airbag.agent.engine.call.CallRecord;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.redact.NameRedactor;
import dev.airbag.agent.engine.redact.RequestCredentials;
import dev.airbag.agent.engine.redact.TextMask;
import dev.airbag.agent.engine.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns every LLM call that did not succeed at its first attempt into one {@code llm_call} event and hands it to
 * the dispatcher. Runs on the app's thread: builds a small object and enqueues it, nothing more. The request's own
 * credentials, whatever their shape, are masked by value in the detail, note and names. Thread-safe.
 */
public final class LlmCallEventWriter implements CallListener {
  private final EventDispatcher dispatcher;
  private final String service;
  private final String host;
  private final Clock clock;
  private final TextMask recent;

  public LlmCallEventWriter(EventDispatcher dispatcher, String service, String host, Clock clock) {
    this(dispatcher, service, host, clock, TextMask.NONE);
  }

  /** @param recent credentials of other recent calls, which a provider's message may also echo */
  public LlmCallEventWriter(EventDispatcher dispatcher, String service, String host, Clock clock, TextMask recent) {
    this.dispatcher = dispatcher;
    this.service = service;
    this.host = host;
    this.clock = clock;
    this.recent = recent;
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
    // The call's own credentials are masked by value, whatever their shape, where a provider may echo them.
    TextMask known = RequestCredentials.of(record.request()).then(recent);
    if (record.failure() != null) {
      ClassificationAttributes.put(event, record.failure());
      event.put(EventFields.DETAIL, known.mask(record.failure().detail()));
    }
    return event.put(EventFields.OUTCOME, record.outcome().wireName())
        .put(EventFields.PROVIDER, record.request().endpoint().provider().wireName())
        .put(EventFields.ENDPOINT_NAME, record.request().endpoint().name())
        .put(EventFields.ENDPOINT, record.request().safeUrl())
        .put(EventFields.MODEL, NameRedactor.safe(record.request().model(), known))
        .put(EventFields.SERVED_MODEL, NameRedactor.safe(record.servedModel(), known))
        .put(EventFields.MODELS_TRIED, record.modelsTried().isEmpty() ? null : safeNames(record.modelsTried(), known))
        .put(EventFields.ATTEMPTS, record.attempts())
        .put(EventFields.DURATION_MS, TimeUnit.NANOSECONDS.toMillis(record.durationNanos()))
        .put(EventFields.WAITED_MS, record.waitedNanos() > 0 ? TimeUnit.NANOSECONDS.toMillis(record.waitedNanos()) : null)
        .put(EventFields.STREAMED, record.request().streamed())
        .put(EventFields.BYTES_DELIVERED, record.bytesDelivered() >= 0 ? record.bytesDelivered() : null)
        .put(EventFields.NOTE, known.mask(record.note()))
        .put(EventFields.SERVICE, service)
        .put(EventFields.HOST, host)
        .put(EventFields.THREAD, NameRedactor.safe(record.threadName(), known))
        .build();
  }

  private static List<String> safeNames(List<String> names, TextMask known) {
    List<String> safe = new ArrayList<>(names.size());
    for (String name : names) {
      safe.add(NameRedactor.safe(name, known));
    }
    return safe;
  }
}
