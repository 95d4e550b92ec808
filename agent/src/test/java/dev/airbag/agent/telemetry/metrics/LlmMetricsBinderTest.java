package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.airbag.agent.testing.TestPipelines;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.Severity;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LlmMetricsBinderTest {
  private final FakeClock clock = new FakeClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LlmMetricsBinder binder = new LlmMetricsBinder(registry, 100, clock);

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @ParameterizedTest
  @EnumSource(Outcome.class)
  void everyOutcomeIsTimedUnderItsOwnTag(Outcome outcome) {
    binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", outcome, TimeUnit.MILLISECONDS.toNanos(250));
    binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", outcome, TimeUnit.MILLISECONDS.toNanos(750));

    Timer timer = registry.get(MetricNames.CALLS)
        .tags("provider", "openai", "model", "gpt-4o", "outcome", outcome.wireName()).timer();
    assertEquals(2, timer.count());
    assertEquals(1000, timer.totalTime(TimeUnit.MILLISECONDS), 0.001);
  }

  @Test
  void aFailedCallFromThePipelineIsTimedWithTheModelItAskedFor() throws IOException {
    CallPipeline pipeline = TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), binder, clock)
        .retry(new dev.airbag.agent.engine.retry.RetryPolicy(1, java.time.Duration.ofMillis(1),
            java.time.Duration.ofMillis(1), dev.airbag.agent.engine.retry.Jitter.NONE, java.time.Duration.ZERO,
            java.time.Duration.ofSeconds(5)))
        .build();

    pipeline.execute(Calls.request(Calls.ANTHROPIC, "claude-opus"), new StatusExchange(529));

    assertEquals(1, registry.get(MetricNames.CALLS)
        .tags("provider", "anthropic", "model", "claude-opus", "outcome", "failed").timer().count());
    assertNull(registry.find(MetricNames.FALLBACK_SERVED).counter(), "a failed call was served by no model");
  }

  @Test
  void aCallAFallbackModelServedIsCountedUnderTheModelTheAppAskedFor() throws IOException {
    RetiredPrimary.pipeline(clock, binder).execute(RetiredPrimary.call(), RetiredPrimary.exchange());

    assertEquals(1, count(MetricNames.FALLBACK_SERVED, "provider", "anthropic", "model", RetiredPrimary.MODEL));
  }

  @Test
  void attemptsAreCountedByCategoryWithNoneForASuccess() {
    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.RATE_LIMITED));
    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.RATE_LIMITED));
    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", null);

    assertEquals(2, count(MetricNames.ATTEMPTS, "provider", "openai", "model", "gpt-4o", "category", "rate_limited"));
    assertEquals(1, count(MetricNames.ATTEMPTS, "provider", "openai", "model", "gpt-4o", "category", "none"));
  }

  @Test
  void retriesAreCountedByProviderAndModelAndFallbacksByFromAndTo() {
    binder.onRetry(Calls.openai("gpt-4o"), "gpt-4o");
    binder.onRetry(Calls.openai("gpt-4o"), "gpt-4o");
    binder.onFallback(Calls.openai("gpt-4o"), "gpt-4o", "gpt-4o-mini");

    assertEquals(2, count(MetricNames.RETRIES, "provider", "openai", "model", "gpt-4o"));
    assertEquals(1, count(MetricNames.FALLBACKS, "from", "gpt-4o", "to", "gpt-4o-mini"));
  }

  @Test
  void circuitTransitionsAreCountedByEndpointModelAndStates() {
    binder.onTransition(new CircuitKey("openai", "gpt-4o"), CircuitState.CLOSED, CircuitState.OPEN, "rate 60%");
    binder.onTransition(new CircuitKey("openai", null), CircuitState.OPEN, CircuitState.HALF_OPEN, "elapsed");

    assertEquals(1, count(MetricNames.CIRCUIT_TRANSITIONS, "endpoint", "openai", "model", "gpt-4o", "from", "closed",
        "to", "open"));
    assertEquals(1, count(MetricNames.CIRCUIT_TRANSITIONS, "endpoint", "openai", "model", "unknown", "from", "open",
        "to", "half_open"));
  }

  @Test
  void exceptionsAreCountedByCategoryAndSeverity() {
    binder.recordException("null_pointer", Severity.CRITICAL);
    binder.recordException("null_pointer", Severity.CRITICAL);
    binder.recordException(null, null);

    assertEquals(2, count(MetricNames.EXCEPTIONS, "category", "null_pointer", "severity", "critical"));
    assertEquals(1, count(MetricNames.EXCEPTIONS, "category", "unknown", "severity", "unknown"));
  }

  @Test
  void modelNamesPastTheCapShareTheOtherTag() {
    LlmMetricsBinder capped = new LlmMetricsBinder(registry, 2, clock);

    for (String model : new String[] {"a", "b", "c", "d", "a"}) {
      capped.onAttempt(Calls.openai(model), model, null);
    }

    assertEquals(2, count(MetricNames.ATTEMPTS, "model", "a"));
    assertEquals(1, count(MetricNames.ATTEMPTS, "model", "b"));
    assertEquals(2, count(MetricNames.ATTEMPTS, "model", "other"));
    assertEquals(3, registry.find(MetricNames.ATTEMPTS).counters().size());
  }

  @Test
  void anUnreadableModelIsTaggedUnknownAndAHugeOneIsCut() {
    String huge = "m".repeat(1000);
    binder.onAttempt(Calls.openai(null), null, null);
    binder.onAttempt(Calls.openai(huge), huge, null);

    assertEquals(1, count(MetricNames.ATTEMPTS, "model", "unknown"));
    assertEquals(1, count(MetricNames.ATTEMPTS, "model", "m".repeat(BoundedTagValues.MAX_LENGTH)));
  }

  @Test
  void noFailureDetailOrUrlEverBecomesATag() {
    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", Calls.failure(Category.AUTH));
    binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.FAILED, 1);

    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertFalse(tag.getValue().contains("sk-canary") || tag.getValue().contains("https:"), tag.toString());
      }
    }
  }

  @Test
  void aBrokenRegistryNeverThrowsIntoTheAppAndIsCounted() {
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        throw new IllegalStateException("broken filter");
      }
    });

    assertDoesNotThrow(() -> {
      binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", null);
      binder.onRetry(Calls.openai("gpt-4o"), "gpt-4o");
      binder.onFallback(Calls.openai("gpt-4o"), "a", "b");
      binder.onTransition(new CircuitKey("openai", "a"), CircuitState.CLOSED, CircuitState.OPEN, "x");
      binder.recordException("x", Severity.INFO);
    });
    assertEquals(5, binder.swallowedFailures());
  }

  @Test
  void aMeterIsLookedUpOnceAndThenReused() {
    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", null);
    Meter first = registry.get(MetricNames.ATTEMPTS).counter();

    binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", null);

    assertEquals(1, registry.getMeters().size());
    assertNotNull(first);
    assertNull(registry.find(MetricNames.CALLS).timer());
  }

  @Test
  void callsServedAtOnceAreCountedExactlyWhateverModelsAndFailuresComeBetween() {
    String[] models = {"gpt-4o", "gpt-4o", "gpt-4o-mini", "gpt-4o", "gpt-4o-mini", "gpt-4o-mini", "gpt-4o"};
    for (int i = 0; i < models.length; i++) {
      // A new String each time too: a model matched by identity or not, its meters are the same.
      String model = i % 2 == 0 ? models[i] : new String(models[i]);
      if (i == 3) {
        binder.onAttempt(Calls.openai(model), model, Calls.failure(Category.OVERLOADED));
        binder.recordCall(Calls.openai(model), model, Outcome.RECOVERED, 3_000_000);
      }
      binder.onAttempt(Calls.openai(model), model, null);
      binder.recordCall(Calls.openai(model), model, Outcome.SUCCEEDED, 1_000_000);
    }
    binder.onAttempt(Calls.anthropic("gpt-4o"), "gpt-4o", null);
    binder.recordCall(Calls.anthropic("gpt-4o"), "gpt-4o", Outcome.SUCCEEDED, 1_000_000);

    assertEquals(4, count(MetricNames.ATTEMPTS, "provider", "openai", "model", "gpt-4o", "category", "none"));
    assertEquals(3, count(MetricNames.ATTEMPTS, "provider", "openai", "model", "gpt-4o-mini", "category", "none"));
    assertEquals(1, count(MetricNames.ATTEMPTS, "provider", "openai", "model", "gpt-4o", "category", "overloaded"));
    assertEquals(1, count(MetricNames.ATTEMPTS, "provider", "anthropic", "model", "gpt-4o", "category", "none"));
    assertEquals(4, registry.get(MetricNames.CALLS).tags("provider", "openai", "model", "gpt-4o", "outcome",
        "succeeded").timer().count());
    assertEquals(3, registry.get(MetricNames.CALLS).tags("provider", "openai", "model", "gpt-4o-mini", "outcome",
        "succeeded").timer().count());
    assertEquals(1, registry.get(MetricNames.CALLS).tags("provider", "openai", "model", "gpt-4o", "outcome",
        "recovered").timer().count());
    assertEquals(1, registry.get(MetricNames.CALLS).tags("provider", "anthropic", "model", "gpt-4o", "outcome",
        "succeeded").timer().count());
  }

  @Test
  void aCallServedWithoutAnAttemptRegistersNoAttemptCounter() {
    binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.SUCCEEDED, 1_000_000);
    binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.SUCCEEDED, 1_000_000);

    assertNull(registry.find(MetricNames.ATTEMPTS).counter());
    assertEquals(2, registry.get(MetricNames.CALLS).timer().count());
  }
}
