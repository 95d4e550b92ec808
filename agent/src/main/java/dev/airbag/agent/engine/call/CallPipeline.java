package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.engine.retry.RandomSource;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.engine.time.Sleeper;
import java.io.IOException;
import java.time.Duration;
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
  }

  public static Builder builder(Classifier classifier, CallListener listener) {
    return new Builder(classifier, listener);
  }

  /** Returns the response the app should get, or throws the transport failure it should see. Blocks while waiting. */
  public <R> R execute(CallRequest request, Exchange<R> exchange) throws IOException {
    RecentFailures.Outcome replay = recentFailures.replayFor(request);
    if (replay != null) {
      return replayed(replay, exchange);
    }
    CallExecution<R> execution = new CallExecution<>(this, request, exchange);
    Step<R> step = execution.start();
    while (true) {
      switch (step.kind) {
        case SEND:
          try {
            step = execution.onResponse(exchange.send(step.attempt));
          } catch (IOException e) {
            step = execution.onFailure(e);
          } catch (RuntimeException | Error bug) {
            execution.abandon();
            throw bug;
          }
          break;
        case WAIT:
          try {
            sleeper.sleep(step.waitNanos);
            step = execution.onWaited();
          } catch (InterruptedException e) {
            // The app wants this thread back: keep its interrupt and give it what we have.
            Thread.currentThread().interrupt();
            step = execution.onInterrupted();
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
   * exceptionally with the transport failure it should see.
   */
  public <R> CompletableFuture<R> executeAsync(CallRequest request, AsyncExchange<R> exchange) {
    RecentFailures.Outcome replay = recentFailures.replayFor(request);
    if (replay != null) {
      try {
        return CompletableFuture.completedFuture(replayed(replay, exchange));
      } catch (IOException failure) {
        CompletableFuture<R> failed = new CompletableFuture<>();
        failed.completeExceptionally(failure);
        return failed;
      }
    }
    CallExecution<R> execution = new CallExecution<>(this, request, exchange);
    try {
      return drive(execution, exchange, execution.start());
    } catch (RuntimeException | Error bug) {
      execution.abandon();
      throw bug;
    }
  }

  private static <R> R replayed(RecentFailures.Outcome replay, Exchange<R> exchange) throws IOException {
    if (replay.failure != null) {
      throw replay.failure;
    }
    return exchange.synthesize(replay.status, replay.headers, replay.body);
  }

  private <R> CompletableFuture<R> drive(CallExecution<R> execution, AsyncExchange<R> exchange, Step<R> step) {
    switch (step.kind) {
      case SEND:
        return exchange.sendAsync(step.attempt)
            .handle((response, failure) -> {
              if (failure == null) {
                return execution.onResponse(response);
              }
              Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause() : failure;
              if (cause instanceof IOException) {
                return execution.onFailure((IOException) cause);
              }
              execution.abandon();
              throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(cause);
            })
            .thenCompose(next -> drive(execution, exchange, next));
      case WAIT:
        return scheduler.after(step.waitNanos).thenCompose(ignored -> drive(execution, exchange, execution.onWaited()));
      case RETURN:
        return CompletableFuture.completedFuture(step.response);
      default:
        CompletableFuture<R> failed = new CompletableFuture<>();
        failed.completeExceptionally(step.failure);
        return failed;
    }
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

  /** Collects the policies; every one has a default that does nothing surprising. Not thread-safe. */
  public static final class Builder {
    private final Classifier classifier;
    private final CallListener listener;
    private Clock clock = Clock.SYSTEM;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private RandomSource random = RandomSource.SYSTEM;
    private RetryPolicy retry = RetryPolicy.defaults();
    private RetryBudgets budgets;
    private CircuitBreakers breakers;
    private FallbackPolicy fallback = FallbackPolicy.none();
    private Duration firstByteTimeout;
    private int maxErrorBodyBytes = 64 * 1024;
    private Scheduler scheduler = Scheduler.SYSTEM;
    private AttemptListener attempts = AttemptListener.NONE;
    private Duration replayWindow = Duration.ofSeconds(10);

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
      if (budgets == null) {
        budgets = new RetryBudgets(0.2, 3, clock);
      }
      return new CallPipeline(this);
    }
  }
}
