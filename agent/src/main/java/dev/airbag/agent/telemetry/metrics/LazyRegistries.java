package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's {@link MeterRegistries}, built the first time a meter is registered instead of at start-up:
 * Micrometer's set-up costs a JVM start some 20 ms, and until then every meter would read zero anyway. Built at
 * once ({@link #build()}) when something reads the registries from the start, the scrape endpoint or OTLP pushes.
 * {@link #get()} is the composite, for the binder and the gauges. Thread-safe.
 */
final class LazyRegistries implements Supplier<MeterRegistry> {
  private final MetricsSettings settings;
  private final Clock clock;
  private final OtlpMetricsSender otlpSender;
  private final String service;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Consumer<MeterRegistry>> bindings = new ArrayList<>();
  private volatile MeterRegistries built;
  private volatile RuntimeException failure;

  /**
   * @param otlpSender used only when {@code settings} turn OTLP metrics on; may be null otherwise
   * @param service the service name the Prometheus series carry
   */
  LazyRegistries(MetricsSettings settings, Clock clock, OtlpMetricsSender otlpSender, String service) {
    this.settings = settings;
    this.clock = clock;
    this.otlpSender = otlpSender;
    this.service = service;
  }

  /** The composite registry, built now if it was not yet; throws a RuntimeException if it cannot be. */
  @Override
  public MeterRegistry get() {
    return build().composite;
  }

  /** The registries, building them now if they were not yet. */
  MeterRegistries build() {
    MeterRegistries current = built;
    if (current != null) {
      return current;
    }
    lock.lock();
    try {
      if (built == null) {
        // A registry that could not be built once is not tried on every later call.
        if (failure != null) {
          throw failure;
        }
        try {
          MeterRegistries fresh = new MeterRegistries(settings, new MicrometerClock(clock), otlpSender, service);
          for (Consumer<MeterRegistry> binding : bindings) {
            binding.accept(fresh.composite);
          }
          bindings.clear();
          built = fresh;
        } catch (RuntimeException | LinkageError e) {
          // Callers on app threads catch RuntimeException only; an Error must never reach the app.
          failure = new IllegalStateException("the metrics registries could not be built (" + e + ")", e);
          throw failure;
        }
      }
      return built;
    } finally {
      lock.unlock();
    }
  }

  /** The registries if they were built, else null: nothing was recorded yet. */
  MeterRegistries current() {
    return built;
  }

  /** The cumulative in-memory registry if it was built, else null. */
  MeterRegistry cumulative() {
    MeterRegistries current = built;
    return current == null ? null : current.cumulative;
  }

  /** Runs {@code binding} on the composite when the registries are built, or now if they are. */
  void whenBuilt(Consumer<MeterRegistry> binding) {
    lock.lock();
    try {
      if (built != null) {
        binding.accept(built.composite);
      } else {
        bindings.add(binding);
      }
    } finally {
      lock.unlock();
    }
  }
}
