package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Severity;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Records at least one sample of every metric in {@link MetricNames#ALL}, so that a scrape shows them all. */
final class OneOfEachMetric {
  private OneOfEachMetric() {
  }

  /** Records them on {@code metrics} (circuits bound here) and returns its real scrape endpoint's answer. */
  static String recordAndScrape(AgentMetrics metrics, FakeClock clock) throws IOException, InterruptedException {
    CircuitBreakers circuits = Circuits.registry(clock, metrics.binder());
    metrics.bindCircuits(circuits);
    LlmMetricsBinder binder = metrics.binder();
    binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.FAILED, TimeUnit.MILLISECONDS.toNanos(300));
    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.RATE_LIMITED));
    binder.onRetry(Calls.openai("gpt-4o"), "gpt-4o");
    binder.onFallback(Calls.openai("gpt-4o"), "gpt-4o", "gpt-4o-mini");
    binder.recordException("null_pointer", Severity.CRITICAL);
    RetiredPrimary.pipeline(clock, binder).execute(RetiredPrimary.call(), RetiredPrimary.exchange());
    Circuits.open(circuits, "openai", "gpt-4o");
    metrics.bindExportStats(List.of("otlp"), (sink, result) -> 3);
    return Http.get("http://127.0.0.1:" + metrics.scrapePort() + "/metrics").body();
  }
}
