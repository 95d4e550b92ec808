package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.classify.Classifier;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

/**
 * Hears one attempt from the client: holds a failure ({@link HeldFailure}) for the engine, hands a success over to
 * the app's callback as its head comes. Called by the client's I/O thread.
 */
final class AttemptCallback implements AsyncExecCallback {
  private final AsyncAttempt attempt;
  private final AsyncExecCallback app;
  private final BiConsumer<AsyncAttempt, IOException> fail;
  private final int maxErrorBytes;

  AttemptCallback(AsyncAttempt attempt, AsyncExecCallback app, BiConsumer<AsyncAttempt, IOException> fail,
      int maxErrorBytes) {
    this.attempt = attempt;
    this.app = app;
    this.fail = fail;
    this.maxErrorBytes = maxErrorBytes;
  }

  @Override
  public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails details)
      throws HttpException, IOException {
    if (Classifier.isFailureStatus(response.getCode())) {
      return attempt.hold(response, details, maxErrorBytes);
    }
    attempt.response = response;
    attempt.details = details;
    attempt.live = true;
    // The engine serves a success at once, on this thread (adding its headers, watching a stream); then the app's
    // consumer takes the body as it comes.
    attempt.answerLive();
    AsyncDataConsumer consumer = app.handleResponse(attempt.response, details);
    StreamMonitor monitor = attempt.monitor;
    attempt.appConsumer = monitor != null && consumer != null ? new MonitoredDataConsumer(consumer, monitor) : consumer;
    return attempt.appConsumer;
  }

  @Override
  public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
    app.handleInformationResponse(response);
  }

  @Override
  public void completed() {
    HeldFailure held = attempt.held();
    if (attempt.live) {
      app.completed();
    } else if (held != null && held.cut()) {
      // Answered at the bound: the app hears the end when it reads this body, else nobody does.
      if (held.wireDone(null)) {
        app.completed();
      }
    } else {
      attempt.answer.complete(attempt);
    }
  }

  @Override
  public void failed(Exception cause) {
    HeldFailure held = attempt.held();
    if (held != null && held.cut()) {
      if (held.wireDone(cause)) {
        app.failed(cause);
      }
      return;
    }
    if (attempt.live) {
      if (attempt.appConsumer instanceof MonitoredDataConsumer && cause instanceof IOException) {
        ((MonitoredDataConsumer) attempt.appConsumer).broken((IOException) cause);
      }
      app.failed(cause);
      return;
    }
    if (cause instanceof IOException) {
      fail.accept(attempt, (IOException) cause);
    } else if (cause instanceof HttpException) {
      fail.accept(attempt, new AsyncCall.ProtocolFailure((HttpException) cause));
    } else {
      attempt.answer.completeExceptionally(cause);
    }
  }
}
