package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.Observation;
import dev.airbag.agent.engine.time.Clock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one logical LLM call through the engine: sends it through the adapter's {@link Exchange}, classifies what
 * comes back, and reports the outcome to the listener. Thread-safe; per-call state lives on the stack.
 */
public final class CallPipeline {
  private final Classifier classifier;
  private final CallListener listener;
  private final Clock clock;
  private final int maxBodyBytes;

  public CallPipeline(Classifier classifier, CallListener listener, Clock clock, int maxBodyBytes) {
    this.classifier = classifier;
    this.listener = listener;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Returns the response the app should get, or throws the transport failure it should see. */
  public <R> R execute(CallRequest request, Exchange<R> exchange) throws IOException {
    long startMillis = clock.currentTimeMillis();
    long startNanos = clock.nanoTime();
    List<String> modelsTried = new ArrayList<>(1);
    if (request.model() != null) {
      modelsTried.add(request.model());
    }
    R response;
    try {
      response = exchange.send(null);
    } catch (IOException e) {
      Classification failure = classifier.classify(request.endpoint().provider(),
          Observation.exception(e, Observation.Phase.BEFORE_FIRST_BYTE));
      report(request, Outcome.FAILED, failure, modelsTried, null, startMillis, startNanos);
      throw e;
    }
    int status = exchange.status(response);
    if (Classifier.isFailureStatus(status)) {
      byte[] prefix = exchange.peekBody(response, maxBodyBytes);
      Classification failure = classifier.classify(request.endpoint().provider(),
          Observation.response(status, exchange.headers(response), prefix, prefix.length >= maxBodyBytes));
      report(request, Outcome.FAILED, failure, modelsTried, null, startMillis, startNanos);
    }
    return response;
  }

  private void report(CallRequest request, Outcome outcome, Classification failure, List<String> modelsTried,
      String servedModel, long startMillis, long startNanos) {
    CallRecord record = new CallRecord(request, outcome, failure, 1, modelsTried, servedModel, startMillis,
        clock.nanoTime() - startNanos, Thread.currentThread().getName(), request.bodyNote());
    listener.onCallFinished(record);
  }
}
