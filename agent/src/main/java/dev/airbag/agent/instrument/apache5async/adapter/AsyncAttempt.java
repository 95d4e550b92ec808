package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.engine.call.StreamMonitor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

/**
 * One attempt's answer: a success, live (its body still on the wire, for the app's consumer alone), or a failure
 * held ({@link HeldFailure}: its body kept up to the bound, the rest left on the connection), or an answer Airbag
 * made up. Written by the client's thread of the attempt, read after {@link #answer} completes.
 */
final class AsyncAttempt {
  private static final long MAX_WAIT_FOR_ENGINE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  final CompletableFuture<AsyncAttempt> answer = new CompletableFuture<>();
  private volatile Thread sender;
  volatile HttpResponse response;
  volatile EntityDetails details;
  volatile boolean live;
  volatile StreamMonitor monitor;
  volatile AsyncDataConsumer appConsumer;
  private volatile HeldFailure held;
  private volatile byte[] madeUp;

  static AsyncAttempt madeUp(HttpResponse response, EntityDetails details, byte[] body) {
    AsyncAttempt attempt = new AsyncAttempt();
    attempt.response = response;
    attempt.details = details;
    attempt.madeUp = body;
    return attempt;
  }

  /** Marks the thread sending this attempt, until {@link #sent()}. */
  void sending() {
    sender = Thread.currentThread();
  }

  void sent() {
    sender = null;
  }

  /**
   * Hands a live success to the engine, on this thread, before the app's consumer gets its body: the engine adds its
   * headers and watches the stream. The engine chains its decision as soon as the send returns; a response faster than
   * that (a loopback server, a descheduled caller) waits those microseconds for it, unless it came on the very thread
   * still sending, which cannot chain anything until this returns.
   */
  void answerLive() {
    long deadline = System.nanoTime() + MAX_WAIT_FOR_ENGINE_NANOS;
    while (answer.getNumberOfDependents() == 0 && sender != Thread.currentThread()
        && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(20_000);
    }
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
