package dev.airbag.agent.engine.call;

import java.io.IOException;

/**
 * What a call's execution asks its driver to do next: send an attempt, wait, or end with a response or a failure.
 * The sync driver sleeps and sends on the calling thread; the async driver schedules both, so the decisions are
 * written once. Immutable.
 */
final class Step<R> {
  enum Kind { SEND, WAIT, RETURN, THROW }

  final Kind kind;
  final AttemptRequest attempt;
  final long waitNanos;
  final R response;
  final IOException failure;

  private Step(Kind kind, AttemptRequest attempt, long waitNanos, R response, IOException failure) {
    this.kind = kind;
    this.attempt = attempt;
    this.waitNanos = waitNanos;
    this.response = response;
    this.failure = failure;
  }

  static <R> Step<R> send(AttemptRequest attempt) {
    return new Step<>(Kind.SEND, attempt, 0, null, null);
  }

  static <R> Step<R> waitFor(long nanos) {
    return new Step<>(Kind.WAIT, null, nanos, null, null);
  }

  static <R> Step<R> answer(R response) {
    return new Step<>(Kind.RETURN, null, 0, response, null);
  }

  static <R> Step<R> fail(IOException failure) {
    return new Step<>(Kind.THROW, null, 0, null, failure);
  }
}
