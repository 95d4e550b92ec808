package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.Classification;
import java.util.ArrayList;
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
  private final long waitedNanos;
  private final long bytesDelivered;
  private final String threadName;
  private final List<String> notes;

  private CallRecord(Builder b) {
    this.request = b.request;
    this.outcome = b.outcome;
    this.failure = b.failure;
    this.attempts = b.attempts;
    this.modelsTried = copy(b.modelsTried);
    this.servedModel = b.servedModel;
    this.startMillis = b.startMillis;
    this.durationNanos = b.durationNanos;
    this.waitedNanos = b.waitedNanos;
    this.bytesDelivered = b.bytesDelivered;
    this.threadName = b.threadName;
    this.notes = copy(b.notes);
  }

  /** An unmodifiable copy: nothing new for none, one small object for one (a call served at once has one model). */
  private static List<String> copy(List<String> list) {
    switch (list.size()) {
      case 0:
        return Collections.emptyList();
      case 1:
        return Collections.singletonList(list.get(0));
      default:
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
  }

  static Builder builder(CallRequest request, long startMillis) {
    return new Builder(request, startMillis);
  }

  public CallRequest request() {
    return request;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The failure that decided the outcome (the last one seen for a recovered call), or null on a clean success. */
  public Classification failure() {
    return failure;
  }

  /** Attempts that went to the network, every model included. */
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

  /** Time spent waiting between attempts. */
  public long waitedNanos() {
    return waitedNanos;
  }

  /** Bytes of a streamed answer that reached the app before it broke, or -1. */
  public long bytesDelivered() {
    return bytesDelivered;
  }

  public String threadName() {
    return threadName;
  }

  /** Why Airbag did not do all it would have (body not replayable, budget spent, wait hint too long), or empty. */
  public List<String> notes() {
    return notes;
  }

  /** The notes as one line, or null when there are none. */
  public String note() {
    return notes.isEmpty() ? null : String.join("; ", notes);
  }

  /** Not thread-safe: filled by one call's execution. */
  static final class Builder {
    private final CallRequest request;
    private final long startMillis;
    private Outcome outcome = Outcome.SUCCEEDED;
    private Classification failure;
    private int attempts;
    private final List<String> modelsTried = new ArrayList<>(2);
    private String servedModel;
    private long durationNanos;
    private long waitedNanos;
    private long bytesDelivered = -1;
    private String threadName = Thread.currentThread().getName();
    /** Made on the first note: most calls have none. */
    private List<String> notes = Collections.emptyList();

    private Builder(CallRequest request, long startMillis) {
      this.request = request;
      this.startMillis = startMillis;
      if (request.bodyNote() != null) {
        note(request.bodyNote());
      }
    }

    Builder outcome(Outcome outcome) {
      this.outcome = outcome;
      return this;
    }

    Builder failure(Classification failure) {
      this.failure = failure;
      return this;
    }

    Builder attempted(String model) {
      attempts++;
      if (model != null && !modelsTried.contains(model)) {
        modelsTried.add(model);
      }
      return this;
    }

    int attempts() {
      return attempts;
    }

    /** Copies what another record tried, for a follow-up record about the same call. */
    Builder sameAttemptsAs(CallRecord other) {
      attempts = other.attempts();
      modelsTried.clear();
      modelsTried.addAll(other.modelsTried());
      return this;
    }

    Builder servedModel(String model) {
      this.servedModel = model;
      return this;
    }

    Builder durationNanos(long nanos) {
      this.durationNanos = nanos;
      return this;
    }

    Builder waited(long nanos) {
      this.waitedNanos += nanos;
      return this;
    }

    Builder bytesDelivered(long bytes) {
      this.bytesDelivered = bytes;
      return this;
    }

    Builder threadName(String name) {
      this.threadName = name;
      return this;
    }

    Builder note(String note) {
      if (!notes.contains(note)) {
        if (notes.isEmpty()) {
          notes = new ArrayList<>(2);
        }
        notes.add(note);
      }
      return this;
    }

    CallRecord build() {
      return new CallRecord(this);
    }
  }
}
