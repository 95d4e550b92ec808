package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.engine.classify.Observation;

/**
 * One attempt that a client sends and retries on its own, where Airbag sees it but cannot drive it (the AWS SDK's
 * asynchronous HTTP clients, which Airbag does not hook): its outcome counts on its model's circuit, in the attempt
 * metrics and in an event, as an attempt the pipeline sent with one try would. It never holds, retries or changes
 * the request: an open circuit does not stop it, and then its outcome is not counted (the circuit learns from its
 * probes, which such attempts carry when one is due). Used by one thread at a time; ends once.
 */
public final class ObservedAttempt {
  private final CallPipeline pipeline;
  private final CallRequest request;
  private final String model;
  private final CallRecord.Builder record;
  private final long startNanos;
  private CircuitBreaker.Permit permit;
  private volatile boolean ended;

  ObservedAttempt(CallPipeline pipeline, CallRequest request) {
    this.pipeline = pipeline;
    this.request = request;
    this.model = request.model();
    this.record = CallRecord.builder(request, pipeline.clock.currentTimeMillis());
    this.startNanos = pipeline.clock.nanoTime();
    CircuitBreaker breaker = pipeline.breakers == null ? null
        : pipeline.breakers.forKey(new CircuitKey(request.endpoint().name(), model));
    this.permit = breaker == null ? null : breaker.tryAcquire();
    if (breaker != null && permit == null) {
      record.note("sent by the client while circuit " + breaker.key() + " is " + breaker.state().wireName()
          + ": Airbag does not drive this client");
    }
    record.attempted(model);
  }

  /** The response's status and headers arrived. */
  public void onResponse(int status, HeaderLookup headers) {
    if (!Classifier.isFailureStatus(status)) {
      end(null);
      return;
    }
    end(pipeline.classifier.classify(request.endpoint().provider(),
        Observation.response(status, headers, new byte[0], false)));
  }

  /** The attempt failed without a response (a timeout, a reset, a refused connection). */
  public void onFailure(Throwable failure) {
    end(pipeline.classifier.classify(request.endpoint().provider(),
        Observation.exception(failure, Observation.Phase.BEFORE_FIRST_BYTE)));
  }

  /** Whether the attempt has ended (its outcome counted, or abandoned). */
  public boolean ended() {
    return ended;
  }

  /** The app or the client gave up on the attempt: it says nothing about the provider. */
  public void onAbandoned() {
    if (ended) {
      return;
    }
    ended = true;
    if (permit != null) {
      permit.onIgnored();
      permit = null;
    }
  }

  private void end(Classification failure) {
    if (ended) {
      return;
    }
    ended = true;
    long took = pipeline.clock.nanoTime() - startNanos;
    if (permit != null) {
      if (failure == null) {
        permit.onSuccess(took);
      } else if (failure.category().countsAgainstCircuit()) {
        permit.onFailure(took);
      } else {
        permit.onIgnored();
      }
      permit = null;
    }
    pipeline.attempts.onAttempt(request, model, failure);
    record.servedModel(failure == null ? model : null)
        .outcome(failure == null ? Outcome.SUCCEEDED : Outcome.FAILED)
        .failure(failure)
        .durationNanos(took);
    pipeline.listener.onCallFinished(record.build());
  }
}
