package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.call.AttemptListener;
import dev.airbag.agent.engine.call.CallListener;
import dev.airbag.agent.engine.call.CallRecord;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.Severity;
import dev.airbag.agent.engine.redact.RequestCredentials;
import dev.airbag.agent.engine.time.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns what the call pipeline, the circuit breakers and the exception capture report into Micrometer meters
 * (names in {@link MetricNames}), resilience4j style: fed by listeners, never polled. Model tags are capped
 * (see {@link BoundedTagValues}); no id, URL or message ever becomes a tag.
 *
 * <p>Runs on app threads, so it is cheap (each meter is looked up once per tag set, then served from a
 * {@link ConcurrentHashMap}) and never throws: a failure is counted and logged at most once a minute.
 * Thread-safe.
 */
public final class LlmMetricsBinder implements CallListener, AttemptListener, TransitionListener {
  /** Distinct exception categories kept as tags; the uncaught-exception side defines a small fixed set. */
  private static final int CATEGORY_TAG_LIMIT = 50;

  private final Supplier<MeterRegistry> registry;
  private final BoundedTagValues models;
  private final BoundedTagValues exceptionCategories = new BoundedTagValues(CATEGORY_TAG_LIMIT);
  private final QuietFailures failures;
  private final ConcurrentHashMap<TagKey, Timer> calls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TagKey, Counter> counters = new ConcurrentHashMap<>();
  private volatile Runnable onAnyTransition = () -> { };
  private volatile ServedAtOnce servedAtOnce;

  /**
   * The two meters of a call served at its first attempt, for the provider and model of the last such call, matched
   * by identity (the body scan hands out the same String for a model it saw lately): most calls of an app go to one
   * model and succeed, and finding those meters by their tags cost several map lookups and arrays per call. Racy by
   * design: whichever pair a thread sees is right for its own provider and model.
   */
  private static final class ServedAtOnce {
    final String provider;
    final String model;
    final Counter attempt;
    final Timer call;

    ServedAtOnce(String provider, String model, Counter attempt, Timer call) {
      this.provider = provider;
      this.model = model;
      this.attempt = attempt;
      this.call = call;
    }

    boolean isFor(String provider, String model) {
      return this.model == model && this.provider == provider;
    }
  }

  /**
   * @param registry the agent's own registry, never the global one or the app's
   * @param modelTagLimit distinct model names kept as tag values before the rest become "other"
   */
  public LlmMetricsBinder(MeterRegistry registry, int modelTagLimit, Clock clock) {
    this(() -> registry, modelTagLimit, clock);
  }

  /** As above, with a registry asked for only when a meter is first registered (see {@link LazyRegistries}). */
  LlmMetricsBinder(Supplier<MeterRegistry> registry, int modelTagLimit, Clock clock) {
    this.registry = registry;
    this.models = new BoundedTagValues(modelTagLimit);
    this.failures = new QuietFailures(clock);
  }

  @Override
  public void onCallFinished(CallRecord record) {
    try {
      CallRequest request = record.request();
      recordCall(request, request.model() != null ? request.model() : record.servedModel(), record.outcome(),
          record.durationNanos());
      if (servedByFallback(record)) {
        increment(MetricNames.FALLBACK_SERVED, MetricNames.TAG_PROVIDER, provider(request), MetricNames.TAG_MODEL,
            models.tag(request.model(), request, RequestCredentials::of));
      }
    } catch (RuntimeException e) {
      failures.report("recording a call", e);
    }
  }

  /** Times one logical call; {@code model} is the model the app asked for (null when unknown). */
  public void recordCall(CallRequest request, String model, Outcome outcome, long durationNanos) {
    String provider = provider(request);
    ServedAtOnce known = servedAtOnce;
    if (outcome == Outcome.SUCCEEDED && known != null && known.isFor(provider, model)) {
      known.call.record(durationNanos, TimeUnit.NANOSECONDS);
      return;
    }
    String modelTag = models.tag(model, request, RequestCredentials::of);
    String outcomeTag = outcome.wireName();
    TagKey key = new TagKey(provider, modelTag, outcomeTag);
    Timer timer = calls.get(key);
    if (timer == null) {
      timer = calls.computeIfAbsent(key, k -> Timer.builder(MetricNames.CALLS)
          .description(MetricNames.help(MetricNames.CALLS))
          .serviceLevelObjectives(MetricNames.LATENCY_BUCKETS.toArray(new Duration[0]))
          .tags(MetricNames.TAG_PROVIDER, provider, MetricNames.TAG_MODEL, modelTag, MetricNames.TAG_OUTCOME,
              outcomeTag)
          .register(registry.get()));
    }
    timer.record(durationNanos, TimeUnit.NANOSECONDS);
    // Only a pair whose attempt counter exists already: a call answered without an attempt registers none.
    Counter attempt = outcome == Outcome.SUCCEEDED
        ? counters.get(new TagKey(MetricNames.ATTEMPTS, provider, modelTag, MetricNames.NONE)) : null;
    if (attempt != null) {
      servedAtOnce = new ServedAtOnce(provider, model, attempt, timer);
    }
  }

  @Override
  public void onAttempt(CallRequest request, String model, Classification failure) {
    try {
      ServedAtOnce known = servedAtOnce;
      if (failure == null && known != null && known.isFor(provider(request), model)) {
        known.attempt.increment();
        return;
      }
      String category = failure == null ? MetricNames.NONE : failure.category().wireName();
      increment(MetricNames.ATTEMPTS, MetricNames.TAG_PROVIDER, provider(request), MetricNames.TAG_MODEL,
          models.tag(model, request, RequestCredentials::of), MetricNames.TAG_CATEGORY, category);
    } catch (RuntimeException e) {
      failures.report("recording an attempt", e);
    }
  }

  @Override
  public void onRetry(CallRequest request, String model) {
    try {
      increment(MetricNames.RETRIES, MetricNames.TAG_PROVIDER, provider(request), MetricNames.TAG_MODEL,
          models.tag(model, request, RequestCredentials::of));
    } catch (RuntimeException e) {
      failures.report("recording a retry", e);
    }
  }

  @Override
  public void onFallback(CallRequest request, String fromModel, String toModel) {
    try {
      increment(MetricNames.FALLBACKS, MetricNames.TAG_FROM, models.tag(fromModel, request, RequestCredentials::of),
          MetricNames.TAG_TO, models.tag(toModel));
    } catch (RuntimeException e) {
      failures.report("recording a fallback", e);
    }
  }

  @Override
  public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason) {
    try {
      increment(MetricNames.CIRCUIT_TRANSITIONS, MetricNames.TAG_ENDPOINT, key.endpoint(), MetricNames.TAG_MODEL,
          models.tag(key.model()), MetricNames.TAG_FROM, from.wireName(), MetricNames.TAG_TO, to.wireName());
      onAnyTransition.run();
    } catch (RuntimeException e) {
      failures.report("recording a circuit transition", e);
    }
  }

  /** Counts one captured application exception (for the uncaught-exception capture). Never throws. */
  public void recordException(String category, Severity severity) {
    try {
      increment(MetricNames.EXCEPTIONS, MetricNames.TAG_CATEGORY, exceptionCategories.tag(category),
          MetricNames.TAG_SEVERITY, severity == null ? MetricNames.UNKNOWN : severity.wireName());
    } catch (RuntimeException e) {
      failures.report("recording an exception", e);
    }
  }

  /** Failures swallowed so far, for tests and the startup summary. */
  public long swallowedFailures() {
    return failures.count();
  }

  /** The tag a model name gets on every meter of this binder (itself, "unknown" or "other"). */
  String modelTag(String model) {
    return models.tag(model);
  }

  /** Runs after every transition is counted; the circuit gauges use it to drop their cached snapshot. */
  public void onAnyTransition(Runnable hook) {
    this.onAnyTransition = hook;
  }

  /** Increments the counter {@code name} with the given tag key/value pairs. */
  private void increment(String name, String... tagPairs) {
    String[] key = new String[tagPairs.length / 2 + 1];
    key[0] = name;
    for (int i = 1; i < key.length; i++) {
      key[i] = tagPairs[2 * i - 1];
    }
    TagKey tagKey = new TagKey(key);
    Counter counter = counters.get(tagKey);
    if (counter == null) {
      counter = counters.computeIfAbsent(tagKey, k -> Counter.builder(name).description(MetricNames.help(name))
          .tags(tagPairs).register(registry.get()));
    }
    counter.increment();
  }

  // An answer from another model than the one asked for can only have come down the fallback chain.
  private static boolean servedByFallback(CallRecord record) {
    Outcome outcome = record.outcome();
    String asked = record.request().model();
    return (outcome == Outcome.SUCCEEDED || outcome == Outcome.RECOVERED) && asked != null
        && record.servedModel() != null && !asked.equals(record.servedModel());
  }

  private static String provider(CallRequest request) {
    return request.endpoint().provider().wireName();
  }
}
