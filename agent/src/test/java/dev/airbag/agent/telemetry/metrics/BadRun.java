package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Severity;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bad stretch of an app's traffic, recorded round by round on the agent's metrics so that every panel of the
 * dashboard and every shipped alert rule has something to show: {@code gpt-4o} mostly answers, some calls recover
 * after overloaded or rate-limited attempts, some fail after transient ones, and its circuit opens (again each
 * round, after a failed probe); the retired {@code claude-opus} is served by its fallback; the {@code otlp} sink's
 * collector is down (events spooled, dropped, rejected) while {@code http} delivers; the app throws. Each round
 * adds the same amounts, so that rates over two rounds are never zero. Not thread-safe.
 */
final class BadRun {
  /** Calls to gpt-4o per round: succeeded, recovered after overloaded or rate-limited, failed, short-circuited. */
  static final int SUCCEEDED = 20;
  static final int RECOVERED = 4;
  static final int FAILED = 6;
  static final int SHORT_CIRCUITED = 2;
  static final int FALLBACK_SERVED = 3;
  static final int CALLS_PER_ROUND = SUCCEEDED + 2 * RECOVERED + FAILED + SHORT_CIRCUITED + FALLBACK_SERVED;

  private final FakeClock clock;
  private final LlmMetricsBinder binder;
  private final CircuitBreakers circuits;
  private final CallPipeline retiredPrimary;
  private volatile int rounds;

  BadRun(AgentMetrics metrics, FakeClock clock) {
    this.clock = clock;
    this.binder = metrics.binder();
    this.circuits = Circuits.registry(clock, binder);
    this.retiredPrimary = RetiredPrimary.builder(clock, binder).attempts(binder).build();
    metrics.bindCircuits(circuits);
    metrics.bindExportStats(List.of("otlp", "http"), this::exported);
  }

  /** Records one more round. */
  void round() throws IOException {
    CallRequest gpt = Calls.openai("gpt-4o");
    for (int i = 0; i < SUCCEEDED; i++) {
      binder.onAttempt(gpt, "gpt-4o", null);
      binder.recordCall(gpt, "gpt-4o", Outcome.SUCCEEDED, millis(150 + 20 * i));
    }
    for (Category first : List.of(Category.OVERLOADED, Category.RATE_LIMITED)) {
      for (int i = 0; i < RECOVERED; i++) {
        binder.onAttempt(gpt, "gpt-4o", Calls.failure(first));
        binder.onRetry(gpt, "gpt-4o");
        binder.onAttempt(gpt, "gpt-4o", null);
        binder.recordCall(gpt, "gpt-4o", Outcome.RECOVERED, millis(1_800));
      }
    }
    for (int i = 0; i < FAILED; i++) {
      for (int attempt = 0; attempt < 3; attempt++) {
        binder.onAttempt(gpt, "gpt-4o", Calls.failure(Category.TRANSIENT));
      }
      binder.onRetry(gpt, "gpt-4o");
      binder.onRetry(gpt, "gpt-4o");
      binder.recordCall(gpt, "gpt-4o", Outcome.FAILED, millis(4_500));
    }
    // The open circuit's pause has passed: one probe, which fails, and the circuit opens again.
    clock.advance(Circuits.QUICK.openDuration().plusSeconds(1));
    Circuits.open(circuits, "openai", "gpt-4o");
    for (int i = 0; i < SHORT_CIRCUITED; i++) {
      binder.recordCall(gpt, "gpt-4o", Outcome.SHORT_CIRCUITED, millis(1));
    }
    for (int i = 0; i < FALLBACK_SERVED; i++) {
      retiredPrimary.execute(RetiredPrimary.call(), RetiredPrimary.exchange());
    }
    binder.recordException("auth", Severity.CRITICAL);
    binder.recordException("rate_limited", Severity.WARNING);
    rounds++;
  }

  /** The otlp sink's collector is down: nothing sent, the rest spooled, some lost; the http sink delivers. */
  private long exported(String sink, ExportResult result) {
    if ("http".equals(sink)) {
      return result == ExportResult.SENT ? 40L * rounds : 0;
    }
    switch (result) {
      case SPOOLED:
        return 10L * rounds;
      case DROPPED:
        return 2L * rounds;
      case REJECTED:
        return rounds;
      default:
        return 0;
    }
  }

  private static long millis(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }
}
