package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.Observation;
import dev.airbag.agent.engine.fallback.ModelLocation;
import dev.airbag.agent.engine.retry.Deadline;
import dev.airbag.agent.engine.retry.RetryBudget;
import dev.airbag.agent.engine.retry.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One logical call's way through the engine: models in chain order, attempts per model, and what the app finally
 * gets. Holds the call's mutable state; confined to the thread running the call.
 *
 * <p>Invariant: at most one failed response is held at a time, and it is discarded before the next attempt, so that
 * a connection is never leaked and the app gets the last real answer when nothing better comes.
 */
final class CallExecution<R> {
  private enum Next { SERVED, NEXT_MODEL, STOP }

  private final CallPipeline pipeline;
  private final CallRequest request;
  private final Exchange<R> exchange;
  private final CallRecord.Builder record;
  private final Deadline deadline;
  private final RetryBudget budget;
  private final long startNanos;

  private R heldResponse;
  private IOException heldException;
  private Classification heldFailure;
  private Classification lastFailure;
  private CircuitBreaker lastOpenCircuit;
  private R served;

  CallExecution(CallPipeline pipeline, CallRequest request, Exchange<R> exchange) {
    this.pipeline = pipeline;
    this.request = request;
    this.exchange = exchange;
    this.startNanos = pipeline.clock.nanoTime();
    this.record = CallRecord.builder(request, pipeline.clock.currentTimeMillis());
    this.deadline = Deadline.after(pipeline.clock, pipeline.retry.deadline());
    this.budget = pipeline.budgets.forEndpoint(request.endpoint().name());
  }

  R run() throws IOException {
    ModelLocation location = request.modelLocation();
    String model = location.model();
    List<String> remaining = location.rewritable() ? new ArrayList<>(pipeline.fallback.chainAfter(model))
        : new ArrayList<>();
    while (true) {
      Next next = tryModel(model);
      if (next == Next.SERVED) {
        return finishServed(model);
      }
      if (next == Next.STOP || !location.rewritable() || deadline.expired()) {
        break;
      }
      String fallbackModel = pipeline.fallback.next(model, lastFailure, remaining);
      if (fallbackModel == null) {
        break;
      }
      int index = remaining.indexOf(fallbackModel);
      remaining = index >= 0 ? new ArrayList<>(remaining.subList(index + 1, remaining.size())) : new ArrayList<>();
      model = fallbackModel;
    }
    return finishUnserved();
  }

  /** Attempts one model until it serves, its attempts run out, or the call must stop. */
  private Next tryModel(String model) {
    CircuitBreaker breaker = pipeline.breakers == null ? null
        : pipeline.breakers.forKey(new CircuitKey(request.endpoint().name(), model));
    long previousDelay = 0;
    for (int attempt = 1; ; attempt++) {
      if (exchange.isCanceled()) {
        record.note("cancelled by the app");
        return Next.STOP;
      }
      CircuitBreaker.Permit permit = breaker == null ? null : breaker.tryAcquire();
      if (breaker != null && permit == null) {
        lastOpenCircuit = breaker;
        lastFailure = circuitOpen(breaker);
        return Next.NEXT_MODEL;
      }
      // Every network attempt after the call's first spends the endpoint's retry budget, fallbacks included.
      if (attempt == 1 && record.attempts() > 0 && !budget.tryAcquireRetry()) {
        release(permit);
        record.note("retry budget of endpoint " + request.endpoint().name() + " spent; no fallback attempt");
        return Next.STOP;
      }
      if (attemptOnce(model, permit)) {
        return Next.SERVED;
      }
      Classification failure = lastFailure;
      if (!failure.retryable() || attempt >= pipeline.retry.maxAttempts()) {
        return Next.NEXT_MODEL;
      }
      // A timed-out model stays slow: move on at once when another model is configured.
      if (failure.category() == Category.TIMEOUT && pipeline.fallback.hasFallbackFor(request.model())) {
        return Next.NEXT_MODEL;
      }
      long wait = pipeline.retry.waitNanos(attempt, previousDelay, failure.waitHintMillis(),
          pipeline.random.nextDouble());
      if (wait == RetryPolicy.WAIT_TOO_LONG) {
        record.note("provider asked to wait " + failure.waitHintMillis() + "ms, more than airbag.retry.max-retry-after");
        return Next.NEXT_MODEL;
      }
      if (!deadline.allows(wait)) {
        record.note("airbag.retry.deadline leaves no time for another wait");
        return Next.NEXT_MODEL;
      }
      if (!budget.tryAcquireRetry()) {
        record.note("retry budget of endpoint " + request.endpoint().name() + " spent");
        return Next.STOP;
      }
      if (!sleep(wait)) {
        return Next.STOP;
      }
      previousDelay = wait;
    }
  }

  /** Sends one attempt; true when it served. Leaves a failure held and classified otherwise. */
  private boolean attemptOnce(String model, CircuitBreaker.Permit permit) {
    releaseHeld();
    record.attempted(model);
    // The budget's "requests" are every upstream request, so that retries stay a bounded share of what the
    // provider actually receives (a 20% failure rate needs retries of 25% of first attempts, 20% of requests).
    budget.onRequest();
    long began = pipeline.clock.nanoTime();
    R response;
    try {
      response = exchange.send(attemptFor(model));
    } catch (IOException e) {
      Classification failure = pipeline.classifier.classify(request.endpoint().provider(),
          Observation.exception(e, Observation.Phase.BEFORE_FIRST_BYTE));
      report(permit, failure, pipeline.clock.nanoTime() - began);
      hold(null, e, failure);
      return false;
    } catch (RuntimeException | Error bug) {
      release(permit);
      throw bug;
    }
    long took = pipeline.clock.nanoTime() - began;
    int status = exchange.status(response);
    if (!Classifier.isFailureStatus(status)) {
      if (permit != null) {
        permit.onSuccess(took);
      }
      served = response;
      return true;
    }
    byte[] prefix = exchange.peekBody(response, pipeline.maxErrorBodyBytes);
    Classification failure = pipeline.classifier.classify(request.endpoint().provider(),
        Observation.response(status, exchange.headers(response), prefix, prefix.length >= pipeline.maxErrorBodyBytes));
    report(permit, failure, took);
    hold(response, null, failure);
    return false;
  }

  private AttemptRequest attemptFor(String model) {
    long timeout = pipeline.firstByteTimeoutMillis == 0 ? 0
        : Math.max(1, Math.min(pipeline.firstByteTimeoutMillis, TimeUnit.NANOSECONDS.toMillis(deadline.remainingNanos())));
    ModelLocation location = request.modelLocation();
    if (model == null || model.equals(location.model())) {
      return timeout == 0 ? AttemptRequest.original() : AttemptRequest.of(null, null, timeout);
    }
    byte[] body = location.inPath() ? null : location.body(request.body(), model);
    String path = location.inPath() ? location.path(model) : null;
    return AttemptRequest.of(body, path, timeout);
  }

  private R finishServed(String model) {
    String primary = request.model();
    boolean fallbackServed = model != null && !model.equals(primary);
    R response = served;
    if (fallbackServed) {
      response = exchange.withHeaders(response, Map.of("x-airbag-served-model", model));
    }
    record.servedModel(model).outcome(record.attempts() > 1 || fallbackServed ? Outcome.RECOVERED : Outcome.SUCCEEDED)
        .failure(lastFailure);
    CallRecord finished = finish();
    if (request.streamed()) {
      response = exchange.monitorStream(response, new StreamReporter(pipeline, finished));
    }
    return response;
  }

  private R finishUnserved() throws IOException {
    if (heldResponse != null) {
      record.outcome(Outcome.FAILED).failure(heldFailure);
      finish();
      // Airbag has done the retrying: the SDK must not multiply it.
      return exchange.withHeaders(heldResponse, Map.of("X-Should-Retry", "false"));
    }
    if (heldException != null) {
      record.outcome(Outcome.FAILED).failure(heldFailure);
      finish();
      throw heldException;
    }
    record.outcome(Outcome.SHORT_CIRCUITED).failure(lastFailure);
    finish();
    long retryAfter = Math.max(1, (long) Math.ceil(lastOpenCircuit.remainingOpenNanos() / 1e9));
    return exchange.synthesize(ShortCircuitResponses.STATUS, ShortCircuitResponses.headers(retryAfter),
        ShortCircuitResponses.body(request.endpoint().provider(), lastOpenCircuit.key().toString(), retryAfter));
  }

  private CallRecord finish() {
    CallRecord finished = record.durationNanos(pipeline.clock.nanoTime() - startNanos).build();
    pipeline.listener.onCallFinished(finished);
    return finished;
  }

  private Classification circuitOpen(CircuitBreaker breaker) {
    long remainingMillis = TimeUnit.NANOSECONDS.toMillis(breaker.remainingOpenNanos());
    return Classification.builder(Category.CIRCUIT_OPEN)
        .waitHintMillis(remainingMillis)
        .reason("circuit " + breaker.key() + " is " + breaker.state().wireName())
        .build();
  }

  /** Only failures that say the provider is unhealthy count against its circuit; a 400 caused by the request never does. */
  private static void report(CircuitBreaker.Permit permit, Classification failure, long tookNanos) {
    if (permit == null) {
      return;
    }
    switch (failure.category()) {
      case OVERLOADED:
      case TRANSIENT:
      case TIMEOUT:
      case RATE_LIMITED:
        permit.onFailure(tookNanos);
        break;
      default:
        permit.onIgnored();
    }
  }

  private static void release(CircuitBreaker.Permit permit) {
    if (permit != null) {
      permit.onIgnored();
    }
  }

  private void hold(R response, IOException exception, Classification failure) {
    heldResponse = response;
    heldException = exception;
    heldFailure = failure;
    lastFailure = failure;
  }

  private void releaseHeld() {
    if (heldResponse != null) {
      exchange.discard(heldResponse);
      heldResponse = null;
    }
  }

  private boolean sleep(long nanos) {
    try {
      pipeline.sleeper.sleep(nanos);
      record.waited(nanos);
      return true;
    } catch (InterruptedException e) {
      // The app wants this thread back: keep its interrupt and give it what we have.
      Thread.currentThread().interrupt();
      record.note("interrupted while waiting to retry");
      return false;
    }
  }
}
