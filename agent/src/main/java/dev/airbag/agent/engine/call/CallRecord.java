package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.Classification;
import java.util.Collections;
import java.util.List;

/** Everything known about a finished logical LLM call, for events and metrics. Immutable. */
public final class CallRecord {
  private final CallRequest request;
  private final Outcome outcome;
  private final Classification failure;
  private final int attempts;
  private final List<String> modelsTried;
  private final String servedModel;
  private final long startMillis;
  private final long durationNanos;
  private final String threadName;
  private final String note;

  CallRecord(CallRequest request, Outcome outcome, Classification failure, int attempts, List<String> modelsTried,
      String servedModel, long startMillis, long durationNanos, String threadName, String note) {
    this.request = request;
    this.outcome = outcome;
    this.failure = failure;
    this.attempts = attempts;
    this.modelsTried = Collections.unmodifiableList(modelsTried);
    this.servedModel = servedModel;
    this.startMillis = startMillis;
    this.durationNanos = durationNanos;
    this.threadName = threadName;
    this.note = note;
  }

  public CallRequest request() {
    return request;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The failure that decided the outcome (the last one seen for a recovered call), or null on success. */
  public Classification failure() {
    return failure;
  }

  public int attempts() {
    return attempts;
  }

  public List<String> modelsTried() {
    return modelsTried;
  }

  /** The model that produced the response the app got, or null when none did. */
  public String servedModel() {
    return servedModel;
  }

  public long startMillis() {
    return startMillis;
  }

  public long durationNanos() {
    return durationNanos;
  }

  public String threadName() {
    return threadName;
  }

  /** Why Airbag could not do all it would have (body not replayable, budget spent), or null. */
  public String note() {
    return note;
  }
}
