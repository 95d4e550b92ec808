package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.engine.call.StreamMonitor;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

/**
 * One attempt's answer: a success, live (its body still on the wire, for the app's consumer alone), or a failure
 * held ({@link HeldFailure}: its body kept up to the bound, the rest left on the connection), or an answer Airbag
 * made up. Written by the client's thread of the attempt, read after {@link #answer} completes.
 */
final class AsyncAttempt {
  /** The engine's: its decision is chained on it before the attempt is sent. */
  final CompletableFuture<AsyncAttempt> answer;
  volatile HttpResponse response;
  volatile EntityDetails details;
  volatile boolean live;
  volatile StreamMonitor monitor;
  volatile AsyncDataConsumer appConsumer;
  private volatile HeldFailure held;
  private volatile byte[] madeUp;

  AsyncAttempt(CompletableFuture<AsyncAttempt> answer) {
    this.answer = answer;
  }

  static AsyncAttempt madeUp(HttpResponse response, EntityDetails details, byte[] body) {
    AsyncAttempt attempt = new AsyncAttempt(new CompletableFuture<>());
    attempt.response = response;
    attempt.details = details;
    attempt.madeUp = body;
    return attempt;
  }

  /**
   * Hands a live success to the engine before the app's consumer gets its body: the engine's decision runs now, on
   * this thread (it adds its headers and watches the stream).
   */
  void answerLive() {
    answer.complete(this);
  }

  /** The consumer that holds this failed answer's body, up to {@code maxBytes}; past them the engine decides. */
  AsyncDataConsumer hold(HttpResponse failed, EntityDetails entity, int maxBytes) {
    response = failed;
    details = entity;
    held = new HeldFailure(maxBytes, () -> answer.complete(this));
    return held;
  }

  /** The held failure's body, or null for a live or made-up answer. */
  HeldFailure held() {
    return held;
  }

  /** The body Airbag holds: the made-up one, or the start of a failed one; empty for a live answer. */
  byte[] body() {
    if (madeUp != null) {
      return madeUp;
    }
    HeldFailure body = held;
    return body == null ? new byte[0] : body.kept();
  }
}
