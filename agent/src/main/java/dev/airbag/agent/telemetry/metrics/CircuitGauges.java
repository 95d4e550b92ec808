package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.time.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@value MetricNames#CIRCUIT_STATE} gauges: one per (endpoint, model tag), reading the live state of
 * {@link CircuitBreakers}. A publish reads every gauge, and a snapshot of all circuits sorts them, so gauges
 * share one snapshot that is retaken when a transition was heard or after {@link #MAX_AGE_NANOS} (an open
 * circuit moves to half-open lazily, without a transition until someone looks). Circuits whose models share
 * the "other" tag report the worst of their states.
 *
 * <p>New circuits appear silently (a circuit is created closed), so {@link #register()} is called before
 * each scrape and on every alert evaluation to add their gauges. A gauge whose circuit was evicted (only ones
 * that would let the next call through are) keeps reporting 0, which is what a fresh circuit would say.
 * Thread-safe.
 */
public final class CircuitGauges {
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final CircuitBreakers circuits;
  private final Supplier<MeterRegistry> registry;
  private final LlmMetricsBinder binder;
  private final Clock clock;
  private final Map<TagKey, Gauge> gauges = new ConcurrentHashMap<>();
  private volatile View view;
  private volatile boolean stale = true;

  public CircuitGauges(CircuitBreakers circuits, Supplier<MeterRegistry> registry, LlmMetricsBinder binder, Clock clock) {
    this.circuits = circuits;
    this.registry = registry;
    this.binder = binder;
    this.clock = clock;
  }

  /** Marks the shared snapshot stale; called after every transition. */
  public void invalidate() {
    stale = true;
  }

  /** Takes a fresh snapshot and adds a gauge for every (endpoint, model tag) that has none yet. */
  void register() {
    stale = true;
    for (Map.Entry<TagKey, String[]> e : view().tags.entrySet()) {
      TagKey pair = e.getKey();
      if (gauges.containsKey(pair)) {
        continue;
      }
      String[] tags = e.getValue();
      gauges.computeIfAbsent(pair, k -> Gauge.builder(MetricNames.CIRCUIT_STATE, this, g -> g.value(pair))
          .description(MetricNames.help(MetricNames.CIRCUIT_STATE))
          .tags(MetricNames.TAG_ENDPOINT, tags[0], MetricNames.TAG_MODEL, tags[1])
          .strongReference(true)
          .register(registry.get()));
    }
  }

  /** Every circuit's state as of at most {@link #MAX_AGE_NANOS} ago, ordered by key text. */
  public Map<CircuitKey, CircuitState> states() {
    return view().states;
  }

  private double value(TagKey pair) {
    Integer worst = view().worst.get(pair);
    return worst == null ? CircuitState.CLOSED.gaugeValue() : worst;
  }

  private View view() {
    View current = view;
    long now = clock.nanoTime();
    if (current != null && !stale && now - current.takenNanos < MAX_AGE_NANOS) {
      return current;
    }
    // Cleared before reading, so a transition during the snapshot marks it stale again.
    stale = false;
    View fresh = new View(circuits.snapshot(), binder, now);
    view = fresh;
    return fresh;
  }

  /** One snapshot of every circuit, grouped by gauge. Immutable. */
  private static final class View {
    final Map<CircuitKey, CircuitState> states;
    final Map<TagKey, Integer> worst = new HashMap<>();
    final Map<TagKey, String[]> tags = new HashMap<>();
    final long takenNanos;

    View(Map<CircuitKey, CircuitState> states, LlmMetricsBinder binder, long takenNanos) {
      this.states = Collections.unmodifiableMap(states);
      this.takenNanos = takenNanos;
      for (Map.Entry<CircuitKey, CircuitState> e : states.entrySet()) {
        String[] pair = {e.getKey().endpoint(), binder.modelTag(e.getKey().model())};
        TagKey key = new TagKey(pair);
        tags.put(key, pair);
        worst.merge(key, e.getValue().gaugeValue(), Math::max);
      }
    }
  }
}
