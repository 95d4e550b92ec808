package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;

/**
 * The running totals the alert rules read, taken from the agent's cumulative in-memory registry; the difference
 * of two readings is what happened between them. Immutable.
 */
public final class Totals {
  /** One of the totals, so that a rule can name what it divides by what without a lambda per rule. */
  public enum Count { CALLS, ATTEMPTS, RATE_LIMITED, ERRORS, FALLBACKS, CIRCUIT_OPENS }

  private static final Set<String> SERVED = Set.of(Outcome.SUCCEEDED.wireName(), Outcome.RECOVERED.wireName());

  public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0, 0, 0);

  public final long calls;
  /** Calls that gave the app an answer: succeeded or recovered. */
  public final long served;
  /** Served calls whose answer came from a fallback model. */
  public final long servedByFallback;
  final long attempts;
  final long rateLimited;
  final long errors;
  final long fallbacks;
  public final long circuitOpens;

  public Totals(long calls, long served, long servedByFallback, long attempts, long rateLimited, long errors,
      long fallbacks, long circuitOpens) {
    this.calls = calls;
    this.served = served;
    this.servedByFallback = servedByFallback;
    this.attempts = attempts;
    this.rateLimited = rateLimited;
    this.errors = errors;
    this.fallbacks = fallbacks;
    this.circuitOpens = circuitOpens;
  }

  /** Reads the totals now; {@code registry} must be cumulative (never a step registry). */
  public static Totals read(MeterRegistry registry) {
    long calls = 0;
    long served = 0;
    for (Timer timer : registry.find(MetricNames.CALLS).timers()) {
      calls += timer.count();
      String outcome = timer.getId().getTag(MetricNames.TAG_OUTCOME);
      served += SERVED.contains(outcome) ? timer.count() : 0;
    }
    return new Totals(calls, served, count(registry, MetricNames.FALLBACK_SERVED, null, null),
        count(registry, MetricNames.ATTEMPTS, null, null),
        count(registry, MetricNames.ATTEMPTS, MetricNames.TAG_CATEGORY, Category.RATE_LIMITED.wireName()),
        count(registry, MetricNames.ATTEMPTS, MetricNames.TAG_CATEGORY, Category.TRANSIENT.wireName())
            + count(registry, MetricNames.ATTEMPTS, MetricNames.TAG_CATEGORY, Category.OVERLOADED.wireName()),
        count(registry, MetricNames.FALLBACKS, null, null),
        count(registry, MetricNames.CIRCUIT_TRANSITIONS, MetricNames.TAG_TO, CircuitState.OPEN.wireName()));
  }

  public long get(Count count) {
    switch (count) {
      case CALLS:
        return calls;
      case ATTEMPTS:
        return attempts;
      case RATE_LIMITED:
        return rateLimited;
      case ERRORS:
        return errors;
      case FALLBACKS:
        return fallbacks;
      default:
        return circuitOpens;
    }
  }

  public Totals minus(Totals earlier) {
    return new Totals(calls - earlier.calls, served - earlier.served,
        servedByFallback - earlier.servedByFallback, attempts - earlier.attempts, rateLimited - earlier.rateLimited,
        errors - earlier.errors, fallbacks - earlier.fallbacks, circuitOpens - earlier.circuitOpens);
  }

  private static long count(MeterRegistry registry, String name, String tag, String value) {
    double sum = 0;
    Iterable<Counter> counters = tag == null ? registry.find(name).counters()
        : registry.find(name).tag(tag, value).counters();
    for (Counter counter : counters) {
      sum += counter.count();
    }
    return (long) sum;
  }
}
