package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.HeaderLookup;
import dev.airbag.agent.engine.classify.Observation;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.engine.retry.RandomSource;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.engine.time.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs every logical LLM call through the engine: circuit breaker per (endpoint, model), classification of each
 * attempt, retries with jitter inside a deadline and a per-endpoint budget, model fallback, and one record per call
 * for the listener. Holds only immutable policies and thread-safe registries; each call's state lives in its own
 * {@link CallExecution}. Thread-safe.
 */
public final class CallPipeline {
  final Classifier classifier;
  final CallListener listener;
  final AttemptListener attempts;
  final Clock clock;
  final Sleeper sleeper;
  final RandomSource random;
  final RetryPolicy retry;
  final RetryBudgets budgets;
  final CircuitBreakers breakers;
  final FallbackPolicy fallback;
  final long firstByteTimeoutMillis;
  final int maxErrorBodyBytes;
  final Scheduler scheduler;
  final RecentFailures recentFailures;
  final InternalErrorListener internalErrors;
  final boolean holdWhileOpen;
  final int budgetExemptAttempts;

  private CallPipeline(Builder b) {
    this.classifier = b.classifier;
    this.listener = b.listener;
    this.attempts = b.attempts;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.retry = b.retry;
    this.budgets = b.budgets;
    this.breakers = b.breakers;
    this.fallback = b.fallback;
    this.firstByteTimeoutMillis = b.firstByteTimeout == null ? 0 : Math.max(1, b.firstByteTimeout.toMillis());
    this.maxErrorBodyBytes = b.maxErrorBodyBytes;
    this.scheduler = b.scheduler;
    this.recentFailures = new RecentFailures(b.replayWindow == null ? 0 : b.replayWindow.toNanos(), b.clock);
    this.internalErrors = b.internalErrors;
    this.holdWhileOpen = b.holdWhileOpen;
    this.budgetExemptAttempts = b.budgetExemptAttempts;
  }

  public static Builder builder(Classifier classifier, CallListener listener) {
    return new Builder(classifier, listener);
  }

  /**
   * Returns the response the app should get, or throws the transport failure it should see. Blocks while waiting.
   * Throws {@link InternalFailure} when Airbag failed before anything came back: the adapter then runs the original.
   */
  public <R> R execute(CallRequest request, Exchange<R> exchange) throws IOException {
    CallExecution<R> execution;
    Step<R> step;
    try {
      RecentFailures.Remembered replay = recentFailures.replayFor(request);
      if (replay != null) {
        return replayed(request, replay, exchange);
      }
      execution = new CallExecution<>(this, request, exchange);
      step = execution.start();
    } catch (RuntimeException | Error bug) {
      internalErrors.onInternalError("starting an LLM call", bug);
      throw new InternalFailure(bug);
    }
    while (true) {
      switch (step.kind) {
        case SEND:
          R response;
          try {
            response = exchange.send(step.attempt);
          } catch (IOException e) {
            step = decide(execution, null, e);
            break;
          } catch (RuntimeException | Error fromClient) {
            // The client or an app interceptor threw: its own exception, for the app to see as without Airbag.
            execution.abandon();
            throw fromClient;
          }
          step = decide(execution, response, null);
          break;
        case WAIT:
          try {
            sleeper.sleep(step.waitNanos);
            step = waited(execution, false);
          } catch (InterruptedException e) {
            // The app wants this thread back: keep its interrupt and give it what we have.
            Thread.currentThread().interrupt();
            step = waited(execution, true);
          }
          break;
        case RETURN:
          return step.response;
        default:
          throw step.failure;
      }
    }
  }

  /**
   * The same decisions without blocking: attempts are sent with {@link AsyncExchange#sendAsync} and waits are
   * scheduled, so no thread sleeps during a backoff. The future completes with the response the app should get, or
   * exceptionally with the transport failure it should see, or with {@link InternalFailure} (run the original).
   */
  public <R> CompletableFuture<R> executeAsync(CallRequest request, AsyncExchange<R> exchange) {
    CallExecution<R> execution;
    Step<R> first;
    try {
      RecentFailures.Remembered replay = recentFailures.replayFor(request);
      if (replay != null) {
        try {
          return CompletableFuture.completedFuture(replayed(request, replay, exchange));
        } catch (IOException failure) {
          return failed(failure);
        }
      }
      execution = new CallExecution<>(this, request, exchange);
      first = execution.start();
    } catch (RuntimeException | Error bug) {
      internalErrors.onInternalError("starting an LLM call", bug);
      throw new InternalFailure(bug);
    }
    return drive(execution, exchange, first);
  }

  /** The remembered answer, counted like any failed call so that monitoring sees every call the app made. */
  private <R> R replayed(CallRequest request, RecentFailures.Remembered replay, Exchange<R> exchange)
      throws IOException {
    listener.onCallFinished(CallRecord.builder(request, clock.currentTimeMillis())
        .outcome(Outcome.FAILED)
        .failure(replay.classification)
        .note("answered from memory: a re-send of a call Airbag had already retried to exhaustion")
        .build());
    if (replay.failure != null) {
      throw replay.failure;
    }
    return exchange.synthesize(replay.status, replay.headers, replay.body);
  }

  private <R> CompletableFuture<R> drive(CallExecution<R> execution, AsyncExchange<R> exchange, Step<R> step) {
    switch (step.kind) {
      case SEND:
        // Listening before sending: an answer that comes before sendAsync returns is decided where it comes.
        CompletableFuture<R> answer = new CompletableFuture<>();
        CompletableFuture<R> decided = answer
            .handle((response, failure) -> {
              if (failure == null) {
                return decide(execution, response, null);
              }
              Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause() : failure;
              if (cause instanceof IOException) {
                return decide(execution, null, (IOException) cause);
              }
              // The client or the app's body handler failed (or the adapter, below): the app sees its own failure,
              // as without Airbag; an InternalFailure has the adapter run the original request.
              execution.abandon();
              throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(cause);
            })
            .thenCompose(next -> drive(execution, exchange, next));
        try {
          exchange.sendAsync(step.attempt, answer);
        } catch (RuntimeException | Error bug) {
          // The adapter threw before sending: nothing of this attempt exists, so the original request runs. An
          // attempt it answered before throwing keeps its answer.
          internalErrors.onInternalError("sending an LLM call", bug);
          answer.completeExceptionally(new InternalFailure(bug));
        }
        return decided;
      case WAIT:
        return scheduler.after(step.waitNanos).thenCompose(ignored -> drive(execution, exchange, waited(execution, false)));
      case RETURN:
        return CompletableFuture.completedFuture(step.response);
      default:
        return failed(step.failure);
    }
  }

  /** The next step after an attempt, or the call as the network left it when Airbag's decision threw. */
  private <R> Step<R> decide(CallExecution<R> execution, R response, IOException failure) {
    try {
      return failure == null ? execution.onResponse(response) : execution.onFailure(failure);
    } catch (RuntimeException | Error bug) {
      return bailOut(execution, "deciding on an LLM call's attempt", bug, response, failure);
    }
  }

  private <R> Step<R> waited(CallExecution<R> execution, boolean interrupted) {
    try {
      return interrupted ? execution.onInterrupted() : execution.onWaited();
    } catch (RuntimeException | Error bug) {
      return bailOut(execution, "retrying an LLM call", bug, null, null);
    }
  }

  private <R> Step<R> bailOut(CallExecution<R> execution, String where, Throwable bug, R response,
      IOException failure) {
    internalErrors.onInternalError(where, bug);
    Step<R> step = execution.bailOut(response, failure);
    if (step == null) {
      throw new InternalFailure(bug);
    }
    return step;
  }

  private static <R> CompletableFuture<R> failed(Throwable failure) {
    CompletableFuture<R> failed = new CompletableFuture<>();
    failed.completeExceptionally(failure);
    return failed;
  }

  /** How much of an error body is read to classify it ({@code airbag.classify.max-body-bytes}). */
  public int maxErrorBodyBytes() {
    return maxErrorBodyBytes;
  }

  /**
   * True when a circuit of {@code endpoint} refuses calls now: a call there may go to a fallback or fail fast rather
   * than out as the app asked. For an adapter whose client sends the request before the engine can decide.
   */
  public boolean anyCircuitRefuses(Endpoint endpoint) {
    return breakers != null && breakers.anyRefusesNow(endpoint.name());
  }

  /** True when attempts wait for their first byte no longer than {@code airbag.timeout.first-byte}. */
  public boolean timesFirstByte() {
    return firstByteTimeoutMillis > 0;
  }

  /**
   * The model a call for {@code model} should be sent to now, for a client that must decide before it sends
   * (the AWS SDK signs the request over its model, so Airbag cannot change it afterwards): {@code model} unless
   * its circuit refuses calls now and the fallback chain (with circuit_open in {@code airbag.fallback.on}) has a
   * model whose circuit does not; null for {@code model} itself. Takes no permit: a probe due on the primary
   * keeps the call there, so that the primary's circuit still learns when it is back.
   */
  public String routeAround(Endpoint endpoint, String model) {
    if (breakers == null || model == null || !fallback.on().contains(Category.CIRCUIT_OPEN)) {
      return null;
    }
    CircuitBreaker primary = breakers.find(new CircuitKey(endpoint.name(), model));
    if (primary == null || !primary.refusesNow()) {
      return null;
    }
    for (String next : fallback.chainAfter(model)) {
      CircuitBreaker breaker = breakers.find(new CircuitKey(endpoint.name(), next));
      if (breaker == null || !breaker.refusesNow()) {
        return next;
      }
    }
    return null;
  }

  /**
   * For a client that retries and signs each attempt itself (the AWS SDK), so that only it can change an attempt's
   * model: the model its attempt {@code attempt} (1 first) of {@code maxAttempts} should ask for instead of the call's
   * {@code model}, after the previous attempt failed as {@code previousFailure}; null to send the call's own. As for
   * every other client, a fallback takes the call's last attempts, not extra ones: the primary keeps the first, each
   * model of the chain takes one of the last, skipping a model whose circuit refuses now; and only a failure that
   * {@code airbag.fallback.on} names moves a call on.
   */
  public String modelForClientRetry(Endpoint endpoint, String model, Classification previousFailure, int attempt,
      int maxAttempts) {
    if (model == null || previousFailure == null || attempt < 2 || attempt > maxAttempts
        || !fallback.on().contains(previousFailure.category())) {
      return null;
    }
    List<String> chain = fallback.chainAfter(model);
    int firstFallbackAttempt = maxAttempts - Math.min(chain.size(), maxAttempts - 1) + 1;
    if (chain.isEmpty() || attempt < firstFallbackAttempt) {
      return null;
    }
    for (int i = attempt - firstFallbackAttempt; i < chain.size(); i++) {
      CircuitBreaker breaker = breakers == null ? null : breakers.find(new CircuitKey(endpoint.name(), chain.get(i)));
      if (breaker == null || !breaker.refusesNow()) {
        return chain.get(i);
      }
    }
    return null;
  }

  /**
   * Starts watching an attempt that its client sends and retries on its own, where Airbag cannot drive it: its
   * outcome feeds the circuit, the metrics and the events ({@link ObservedAttempt}).
   */
  public ObservedAttempt observe(CallRequest request) {
    return new ObservedAttempt(this, request);
  }

  /** What the engine makes of a response seen outside a call it drives (status and headers only). */
  public Classification classifyResponse(Endpoint endpoint, int status, HeaderLookup headers) {
    return classifier.classify(endpoint.provider(), Observation.response(status, headers, new byte[0], false));
  }

  /** The retry budgets, per endpoint. */
  public RetryBudgets budgets() {
    return budgets;
  }

  /** The circuit breakers, or null when circuits are off (for gauges and the health endpoint). */
  public CircuitBreakers breakers() {
    return breakers;
  }

  /**
   * True when the engine needs a request's body: per-model circuits and fallbacks need its model, and recognising a
   * framework's re-send of an exhausted call needs its bytes. Adapters read a body only when it serves a purpose.
   */
  public boolean needsBody() {
    return breakers != null || fallback.hasAnyFallback() || recentFailures.enabled();
  }

  /**
   * Collects the policies. It restates no default of the key table: the retry policy, the retry budgets and the
   * error-body bound are required, and what is left unset is off (no replay window, no hold on an open circuit, no
   * breaker, no fallback, every attempt exempt from the budget). The agent's values, defaults included, come from {@code wiring.Resilience}. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Classifier classifier;
    private final CallListener listener;
    private Clock clock = Clock.SYSTEM;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private RandomSource random = RandomSource.SYSTEM;
    private RetryPolicy retry;
    private RetryBudgets budgets;
    private CircuitBreakers breakers;
    private FallbackPolicy fallback = FallbackPolicy.none();
    private Duration firstByteTimeout;
    private int maxErrorBodyBytes;
    private Scheduler scheduler = Scheduler.SYSTEM;
    private AttemptListener attempts = AttemptListener.NONE;
    private Duration replayWindow;
    private InternalErrorListener internalErrors = InternalErrorListener.NONE;
    private boolean holdWhileOpen;
    private int budgetExemptAttempts = Integer.MAX_VALUE;

    private Builder(Classifier classifier, CallListener listener) {
      this.classifier = classifier;
      this.listener = listener;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public Builder random(RandomSource random) {
      this.random = random;
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public Builder budgets(RetryBudgets budgets) {
      this.budgets = budgets;
      return this;
    }

    /** Null turns circuit breaking off. */
    public Builder breakers(CircuitBreakers breakers) {
      this.breakers = breakers;
      return this;
    }

    public Builder fallback(FallbackPolicy fallback) {
      this.fallback = fallback;
      return this;
    }

    /** Null for none: the client's own timeouts apply. */
    public Builder firstByteTimeout(Duration timeout) {
      this.firstByteTimeout = timeout;
      return this;
    }

    /** Hears every attempt, retry and fallback (the metrics binder). */
    public Builder attempts(AttemptListener attempts) {
      this.attempts = attempts;
      return this;
    }

    /** How long an exhausted failure answers identical re-sends; zero or null turns it off. */
    public Builder replayWindow(Duration window) {
      this.replayWindow = window;
      return this;
    }

    /** Hears Airbag's own failures during a call; the call then ends as without Airbag. */
    public Builder internalErrors(InternalErrorListener internalErrors) {
      this.internalErrors = internalErrors;
      return this;
    }

    /**
     * True makes a call with no other model wait out an open circuit for as long as its retries would
     * have taken; false fails it at once (load shedding, an opt-in: it can cost the app answers).
     */
    public Builder holdWhileOpen(boolean hold) {
      this.holdWhileOpen = hold;
      return this;
    }

    /** Attempts per call that the retry budget never refuses (unset: all of them). */
    public Builder budgetExemptAttempts(int attempts) {
      this.budgetExemptAttempts = attempts;
      return this;
    }

    /** Schedules the waits of asynchronous calls. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public Builder maxErrorBodyBytes(int bytes) {
      this.maxErrorBodyBytes = bytes;
      return this;
    }

    public CallPipeline build() {
      if (retry == null || budgets == null || maxErrorBodyBytes < 1) {
        throw new IllegalStateException("a call pipeline needs its retry policy, retry budgets and error-body bound");
      }
      return new CallPipeline(this);
    }
  }
}
