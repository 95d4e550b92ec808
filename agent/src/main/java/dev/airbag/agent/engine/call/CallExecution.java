package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.Observation;
import dev.airbag.agent.engine.fallback.ModelLocation;
import dev.airbag.agent.engine.retry.CallDeadline;
import dev.airbag.agent.engine.retry.RetryBudget;
import dev.airbag.agent.engine.retry.RetryPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One logical call's decisions: models in chain order, attempts per model, waits, and what the app finally gets.
 * A step machine: a driver calls {@link #start()}, then reports what each step produced, and gets the next step.
 * Holds the call's mutable state; used by one thread at a time (the async driver hands it from thread to thread,
 * never concurrently).
 *
 * <p>Invariant: at most one failed response is held at a time, and it is discarded before the next attempt, so
 * that a connection is never leaked and the app gets the last real answer when nothing better comes.
 */
final class CallExecution<R> {
  private final CallPipeline pipeline;
  private final CallRequest request;
  private final Exchange<R> exchange;
  private final ModelLocation location;
  private final CallRecord.Builder record;
  private final CallDeadline deadline;
  private final RetryBudget budget;
  private final long startNanos;

  private String model;
  private List<String> remaining;
  /** Tries on the current model, for the backoff's exponent. */
  private int attempt;
  /** Tries of the whole call, every model: attempts sent, and open-circuit rejections it waited through. */
  private int tries;
  /** 0 until the first failure reads it; see {@link #maxTries()}. */
  private int maxTries;
  private boolean inRetryLoop;
  /** Set while a held call waits for its last try, which may probe the open circuit early. */
  private boolean lastChance;
  /** One of this call's attempts went through a circuit that was not closed and failed: it has had its probe. */
  private boolean probeFailed;
  /** A refusal that would end a call is asked again this often within a base delay, and never more often. */
  private static final int ASK_AGAIN_STEPS = 10;
  private static final long MIN_ASK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** How long the call has waited at a refusal that would end it, for the circuit to let it through. */
  private long askedAgainNanos;
  /**
   * Refused tries of all calls per try through the open circuit as a last chance: a lone caller's refusals then send
   * about one request per call of three tries, as a held call's last try does, while under load the spacing decides.
   */
  static final int LAST_CHANCE_REFUSALS = 3;
  /** The try whose refusal was counted on the circuit, so that asking again does not count it twice. */
  private int refusalCountedAt = -1;
  /** The budget already granted the retry that the current wait leads to. */
  private boolean retryGranted;
  private long previousDelay;
  private long pendingWait;
  private CircuitBreaker.Permit permit;
  private long attemptStarted;

  private R heldResponse;
  private IOException heldException;
  private Classification heldFailure;
  private Classification lastFailure;
  private CircuitBreaker lastOpenCircuit;

  CallExecution(CallPipeline pipeline, CallRequest request, Exchange<R> exchange) {
    this.pipeline = pipeline;
    this.request = request;
    this.exchange = exchange;
    this.location = request.modelLocation();
    this.startNanos = pipeline.clock.nanoTime();
    this.record = CallRecord.builder(request, pipeline.clock.currentTimeMillis());
    this.deadline = CallDeadline.of(pipeline.clock, pipeline.retry.deadline(), request.callerTimeoutNanos());
    this.budget = pipeline.budgets.forEndpoint(request.endpoint().name());
  }

  Step<R> start() {
    model = location.model();
    remaining = location.rewritable() ? new ArrayList<>(pipeline.fallback.chainAfter(model)) : new ArrayList<>();
    if (!remaining.isEmpty() && isSigned(request.headers())) {
      // The signature covers the path and the body: another model in either is a 403 from the provider. Retries of
      // the same bytes stay valid.
      record.note("request is signed (AWS SigV4): Airbag never rewrites it; an AWS SDK's own last attempts go to the"
          + " fallback, signed by the SDK");
      remaining.clear();
    }
    return beginAttempt();
  }

  /** The attempt sent by the last SEND step came back with a response. */
  Step<R> onResponse(R response) {
    long took = pipeline.clock.nanoTime() - attemptStarted;
    int status = exchange.status(response);
    if (!Classifier.isFailureStatus(status)) {
      if (permit != null) {
        permit.onSuccess(took);
        permit = null;
      }
      pipeline.attempts.onAttempt(request, model, null);
      return finishServed(response);
    }
    byte[] prefix = exchange.peekBody(response, pipeline.maxErrorBodyBytes);
    Classification failure = pipeline.classifier.classify(request.endpoint().provider(),
        Observation.response(status, exchange.headers(response), prefix, prefix.length >= pipeline.maxErrorBodyBytes));
    report(failure, took);
    hold(response, null, failure);
    pipeline.attempts.onAttempt(request, model, failure);
    return afterFailure();
  }

  /** The attempt sent by the last SEND step failed in transport. */
  Step<R> onFailure(IOException e) {
    Classification failure = pipeline.classifier.classify(request.endpoint().provider(),
        Observation.exception(e, Observation.Phase.BEFORE_FIRST_BYTE));
    report(failure, pipeline.clock.nanoTime() - attemptStarted);
    hold(null, e, failure);
    pipeline.attempts.onAttempt(request, model, failure);
    return afterFailure();
  }

  /** The wait of the last WAIT step is over. */
  Step<R> onWaited() {
    record.waited(pendingWait);
    return beginAttempt();
  }

  /** The app took its thread back during a wait. */
  Step<R> onInterrupted() {
    record.note("interrupted while waiting to retry");
    return finishUnserved();
  }

  /**
   * Airbag's own code threw while deciding this call: the call ends with what the network last gave (the response
   * or transport failure in hand, else the one held), unchanged, as the app would have had it without Airbag.
   * Null when nothing was received yet; the driver then hands the call back to the app's original request.
   */
  Step<R> bailOut(R inHand, IOException failedInHand) {
    abandon();
    if (inHand != null) {
      return Step.answer(inHand);
    }
    if (failedInHand != null) {
      return Step.fail(failedInHand);
    }
    if (heldResponse != null) {
      return Step.answer(heldResponse);
    }
    return heldException != null ? Step.fail(heldException) : null;
  }

  /** A bug surfaced from the adapter: give the permit back so that a half-open circuit is not held. */
  void abandon() {
    if (permit != null) {
      permit.onIgnored();
      permit = null;
    }
  }

  private Step<R> beginAttempt() {
    while (true) {
      if (exchange.isCanceled()) {
        record.note("cancelled by the app");
        return finishUnserved();
      }
      CircuitBreaker breaker = pipeline.breakers == null ? null
          : pipeline.breakers.forKey(new CircuitKey(request.endpoint().name(), model));
      permit = breaker == null ? null : breaker.tryAcquire();
      if (breaker != null && permit == null) {
        if (refusalCountedAt != tries) {
          breaker.onRefused();
          refusalCountedAt = tries;
        }
        if (lastChance || loopAttemptWithoutFallback()) {
          permit = breaker.tryAcquireLastChance(pipeline.retry.baseDelay().toNanos(), LAST_CHANCE_REFUSALS);
        }
      }
      if (breaker != null && permit == null) {
        lastOpenCircuit = breaker;
        lastFailure = circuitOpen(breaker);
        // Another model serves at once; moving to it sends nothing, so it spends no try.
        if (moveToNextModel()) {
          continue;
        }
        Step<R> asking = askAgainShortly();
        return asking != null ? asking : holdOrFinish();
      }
      // Attempts past those the SDK would have made on its own are extra load: they spend the endpoint's budget.
      if (record.attempts() >= pipeline.budgetExemptAttempts && !retryGranted && !budget.tryAcquireRetry()) {
        abandon();
        record.note(budgetSpent());
        return finishUnserved();
      }
      retryGranted = false;
      tries++;
      attempt++;
      AttemptRequest next = attemptFor(model);
      record.attempted(model);
      // The budget's "requests" are every upstream request, so that retries stay a bounded share of what the
      // provider actually receives.
      budget.onRequest();
      attemptStarted = pipeline.clock.nanoTime();
      // Last, so that a bug above still leaves the app the failure held from the previous attempt.
      releaseHeld();
      return Step.send(next);
    }
  }

  /**
   * A try refused while the circuit's verdict may be moments away: the SDK alone would send this attempt now, and
   * when the provider has just come back the app would get its answer. So the call asks again in short steps, for up
   * to one retry base delay, until a probe or a held call's last try finds the provider back. Two kinds of try wait:
   * <ul>
   *   <li>a held call's last try, which may itself be the one try through the open circuit that a base delay allows;
   *   <li>an attempt of a framework's retry loop when the circuit's own probe is due within that delay: the loop's
   *       attempts are answered at once otherwise, and its last one, refused between the provider's recovery and the
   *       probe that sees it, would fail where the loop alone is served (LangChain4j in an open loop through a 2 s
   *       burst: 91% alone, 79% with Airbag). It adds no request: the probe is the circuit's own.
   * </ul>
   * It sends nothing else meanwhile, so a long outage costs the provider no more; the call ends that much later. Null
   * when the call is not at such a refusal or has asked long enough.
   */
  private Step<R> askAgainShortly() {
    if (!pipeline.holdWhileOpen) {
      return null;
    }
    long spacing = pipeline.retry.baseDelay().toNanos();
    long left = spacing - askedAgainNanos;
    long step = Math.min(left, Math.max(MIN_ASK_AGAIN_NANOS, spacing / ASK_AGAIN_STEPS));
    if (!lastChance) {
      if (!loopAttemptWithoutFallback()) {
        return null;
      }
      long untilVerdict = Math.min(lastOpenCircuit.remainingOpenNanos(),
          lastOpenCircuit.nanosUntilLastChance(spacing, LAST_CHANCE_REFUSALS));
      if (untilVerdict >= left) {
        return null;
      }
      step = Math.min(left, Math.max(step, untilVerdict));
    }
    if (step <= 0 || !deadline.allows(step)) {
      return null;
    }
    askedAgainNanos += step;
    pendingWait = step;
    return Step.waitFor(step);
  }

  /**
   * An attempt of a framework's retry loop with no model left to move to, where the circuit is held rather than
   * failed fast: it may be the loop's last, which Airbag cannot tell, so it may take a last chance through the open
   * circuit as a held call's last try does.
   */
  private boolean loopAttemptWithoutFallback() {
    // maxTries() first: it finds whether a framework's retry loop drives this call (a stack walk, on refusals only).
    return pipeline.holdWhileOpen && maxTries() > 0 && inRetryLoop && remaining.isEmpty();
  }

  /**
   * No model can take the call now. Fail fast only when asked to ({@code airbag.circuit.when-open=fail-fast}): an
   * app that fails fast through a short outage burns through its work faster than without Airbag and ends with
   * fewer answers. By default the rejection takes the place of an attempt and the call waits its backoff, as its
   * retries would have, for the circuit to let it through; the provider meanwhile gets only the probes.
   */
  private Step<R> holdOrFinish() {
    tries++;
    attempt++;
    // maxTries() first: it also finds whether a framework's retry loop drives this call.
    if (tries >= maxTries() || !pipeline.holdWhileOpen) {
      return finishUnserved();
    }
    // A framework's own retry loop paces its attempts already: holding each of them too would double the time
    // its call takes to fail.
    if (tries == 1 && inRetryLoop) {
      record.note("the circuit is open and a retry loop of the app's framework paces the call");
      return finishUnserved();
    }
    // The SDK's own backoff, not a provider's short hint: the shorter a held call's wait, the sooner an app working
    // through a queue spends its calls on an outage that probes have not yet seen end.
    long backoff = pipeline.retry.waitNanos(attempt, previousDelay, RetryPolicy.NO_HINT, pipeline.random.nextDouble());
    // A rejection answers at once where a failing attempt takes time: add what one took (up to the base delay, so
    // that a circuit opened by timeouts still frees the app's threads sooner), or the call would end early.
    long wait = backoff + Math.min(lastOpenCircuit.lastFailureNanos(), pipeline.retry.baseDelay().toNanos());
    if (!deadline.allows(wait)) {
      record.note(deadline.refusal());
      return finishUnserved();
    }
    previousDelay = backoff;
    pendingWait = wait;
    // The SDK's last attempt would have reached the provider: this call's may, as the circuit's probe.
    lastChance = tries + 1 >= maxTries();
    return Step.waitFor(wait);
  }

  private Step<R> afterFailure() {
    Classification failure = lastFailure;
    if (exchange.isCanceled()) {
      record.note("cancelled by the app");
      return finishUnserved();
    }
    if (!request.replayable() || tries >= maxTries()) {
      return finishUnserved();
    }
    if (!failure.retryable()) {
      return nextModelOrFinish();
    }
    // A timed-out model stays slow: move on at once when another model is configured.
    if (failure.category() == Category.TIMEOUT && pipeline.fallback.hasFallbackFor(request.model())) {
      return nextModelOrFinish();
    }
    // The call's last tries belong to the models of its chain that this failure moves to.
    if (maxTries() - tries <= modelsLeftFor(failure)) {
      return nextModelOrFinish();
    }
    long wait = pipeline.retry.waitNanos(attempt, previousDelay, failure.waitHintMillis(), pipeline.random.nextDouble());
    if (wait == RetryPolicy.WAIT_TOO_LONG) {
      record.note("provider asked to wait " + failure.waitHintMillis() + "ms, more than airbag.retry.max-retry-after");
      return nextModelOrFinish();
    }
    if (!deadline.allows(wait)) {
      record.note(deadline.refusal());
      return nextModelOrFinish();
    }
    if (record.attempts() >= pipeline.budgetExemptAttempts) {
      // Asked before the wait, so that a refused retry costs the app no waiting.
      if (!budget.tryAcquireRetry()) {
        record.note(budgetSpent());
        return finishUnserved();
      }
      retryGranted = true;
    }
    previousDelay = wait;
    pendingWait = wait;
    // The SDK's last attempt would reach the provider even if a circuit opened meanwhile: this call's may too, as
    // a held call's does (an open loop through a 2 s burst lost the calls whose last try fell between the burst's
    // end and the probe that saw it). Not a call whose own probe just failed: in an outage every call would then
    // send two requests through the open circuit.
    lastChance = !inRetryLoop && !probeFailed && tries + 1 >= maxTries();
    pipeline.attempts.onRetry(request, model);
    return Step.waitFor(wait);
  }

  /**
   * The next model of the chain, or the end of the call. After a failure the SDK would have retried, the next model
   * waits the backoff the SDK would have waited: a call that moved on at once would end sooner than without Airbag,
   * and an app that works through a queue would then send more of its calls into the same outage.
   */
  private Step<R> nextModelOrFinish() {
    if (tries >= maxTries()) {
      return finishUnserved();
    }
    long wait = lastFailure.retryable()
        ? pipeline.retry.waitNanos(attempt, previousDelay, RetryPolicy.NO_HINT, pipeline.random.nextDouble()) : 0;
    if (!moveToNextModel()) {
      return finishUnserved();
    }
    // With no time left for the wait, the next model is tried at once rather than not at all.
    if (wait == 0 || !deadline.allows(wait)) {
      return beginAttempt();
    }
    pendingWait = wait;
    return Step.waitFor(wait);
  }

  private boolean moveToNextModel() {
    if (!location.rewritable() || !request.replayable()) {
      return false;
    }
    String next = pipeline.fallback.next(model, lastFailure, remaining);
    if (next == null || !deadline.allows(0)) {
      return false;
    }
    int index = remaining.indexOf(next);
    remaining = index >= 0 ? new ArrayList<>(remaining.subList(index + 1, remaining.size())) : new ArrayList<>();
    pipeline.attempts.onFallback(request, model, next);
    model = next;
    attempt = 0;
    previousDelay = 0;
    return true;
  }

  /** How many models of the chain this failure would still move the call to. */
  private int modelsLeftFor(Classification failure) {
    if (!location.rewritable()) {
      return 0;
    }
    String next = pipeline.fallback.next(model, failure, remaining);
    if (next == null) {
      return 0;
    }
    int index = remaining.indexOf(next);
    return index < 0 ? 1 : remaining.size() - index;
  }

  /**
   * Tries in all for this call. An SDK's own retry of a call gets one: Airbag's retries inside each of the SDK's
   * would multiply with them. So does each attempt of a framework's retry loop (LangChain4j's, google-genai's,
   * Spring Retry's ..., and the AWS SDK's, which ignores X-Should-Retry), plus one per model of its fallback chain:
   * the loop retries in its own rhythm, as it would without Airbag. Read on the first failure only (the loop check walks the stack), so that a healthy call never
   * looks at its headers or its stack.
   */
  private int maxTries() {
    if (maxTries == 0) {
      if (Resends.sdkRetryCount(request) > 0) {
        maxTries = 1;
      } else if (Resends.sdkRetriesOnItsOwn(request) || Resends.retryLoopOnStack()) {
        inRetryLoop = true;
        maxTries = 1 + remaining.size();
      } else {
        maxTries = pipeline.retry.maxAttempts();
      }
    }
    return maxTries;
  }

  /** Whether a request carries an AWS Signature Version 4, which a rewritten model would invalidate. */
  static boolean isSigned(RequestHeaders headers) {
    String authorization = headers.first("Authorization");
    return authorization != null && authorization.startsWith("AWS4-");
  }

  private String budgetSpent() {
    return "retry budget of endpoint " + request.endpoint().name() + " spent";
  }

  private AttemptRequest attemptFor(String model) {
    long timeout = pipeline.firstByteTimeoutMillis == 0 ? 0
        : Math.max(1, Math.min(pipeline.firstByteTimeoutMillis, TimeUnit.NANOSECONDS.toMillis(deadline.remainingNanos())));
    if (model == null || model.equals(location.model())) {
      return timeout == 0 ? AttemptRequest.original() : AttemptRequest.of(null, null, timeout);
    }
    byte[] body = location.inPath() ? null : location.body(request.body(), model);
    String path = location.inPath() ? location.path(model) : null;
    return AttemptRequest.of(body, path, timeout);
  }

  private Step<R> finishServed(R served) {
    boolean fallbackServed = model != null && !model.equals(request.model());
    R response = served;
    if (fallbackServed) {
      response = exchange.withHeaders(response, Map.of("x-airbag-served-model", model));
    }
    // Held through an open circuit counts as recovered too: the app waited, and the event says why.
    record.servedModel(model).outcome(tries > 1 || fallbackServed ? Outcome.RECOVERED : Outcome.SUCCEEDED)
        .failure(lastFailure);
    CallRecord finished = finish();
    if (request.streamed()) {
      response = exchange.monitorStream(response, new StreamReporter(pipeline, finished));
    }
    return Step.answer(response);
  }

  private Step<R> finishUnserved() {
    // The call had what the SDK would have given it (tries, or their time while the circuit was open): the SDK must
    // not retry on top. After a single try it may, as it would without Airbag; a quota never comes back in a call.
    // Inside a framework's retry loop nothing is remembered: its re-sends get a try of their own, and a loop's
    // first attempt looks like its re-sends, so a remembered answer could reach the app's own next call.
    boolean exhausted = tries >= 2 && !inRetryLoop;
    if (heldResponse != null) {
      record.outcome(Outcome.FAILED).failure(heldFailure);
      finish();
      if (exhausted) {
        rememberForReplay(heldResponse);
      }
      if (exhausted || heldFailure.category() == Category.QUOTA_EXHAUSTED) {
        return Step.answer(exchange.withHeaders(heldResponse, Map.of("X-Should-Retry", "false")));
      }
      return Step.answer(heldResponse);
    }
    if (heldException != null) {
      record.outcome(Outcome.FAILED).failure(heldFailure);
      finish();
      // A cancelled call says nothing about the provider that a re-send should hear again.
      if (exhausted && !exchange.isCanceled()) {
        pipeline.recentFailures.remember(request, 0, null, null, heldException, heldFailure);
      }
      return Step.fail(heldException);
    }
    if (lastOpenCircuit == null) {
      // Cancelled before any attempt: what OkHttp itself says of a cancelled call.
      record.outcome(Outcome.FAILED);
      finish();
      return Step.fail(new IOException("Canceled"));
    }
    record.outcome(Outcome.SHORT_CIRCUITED).failure(lastFailure);
    finish();
    long retryAfter = Math.max(1, (long) Math.ceil(lastOpenCircuit.remainingOpenNanos() / 1e9));
    Map<String, String> headers = ShortCircuitResponses.headers(request.endpoint().provider(), retryAfter,
        exhausted);
    byte[] body = ShortCircuitResponses.body(request.endpoint().provider(), lastOpenCircuit.key().toString(), retryAfter);
    if (exhausted) {
      pipeline.recentFailures.remember(request, ShortCircuitResponses.STATUS, headers, body, null, lastFailure);
    }
    return Step.answer(exchange.synthesize(ShortCircuitResponses.STATUS, headers, body));
  }

  /** A client's or framework's own re-send of this request gets this answer again, with no upstream request. */
  private void rememberForReplay(R response) {
    byte[] body = exchange.peekBody(response, pipeline.maxErrorBodyBytes);
    if (body.length >= pipeline.maxErrorBodyBytes || exchange.peekCutShort(response)) {
      return;
    }
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (String name : new String[] {"Content-Type", "Content-Encoding", "Retry-After", "retry-after-ms"}) {
      String value = exchange.headers(response).get(name);
      if (value != null) {
        headers.put(name, value);
      }
    }
    headers.put("X-Should-Retry", "false");
    headers.put("x-airbag-replayed", "true");
    pipeline.recentFailures.remember(request, exchange.status(response), headers, body, null, heldFailure);
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
  private void report(Classification failure, long tookNanos) {
    deadline.attemptTook(tookNanos);
    CircuitBreaker.Permit reported = permit;
    permit = null;
    if (reported == null) {
      return;
    }
    if (failure.category().countsAgainstCircuit()) {
      probeFailed |= reported.probe();
      reported.onFailure(tookNanos);
    } else {
      reported.onIgnored();
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
}
