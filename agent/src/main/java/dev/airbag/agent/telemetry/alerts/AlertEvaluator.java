package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.telemetry.metrics.QuietFailures;
import dev.airbag.agent.telemetry.metrics.Totals;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.classify.Severity;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Evaluates the alert rules over a sliding window of the agent's own metrics. Each evaluation reads the
 * cumulative totals, keeps one reading per evaluation for the window's length, and compares the newest with
 * the last one at or before the window's start. A rule that becomes breached fires once ({@code state=firing});
 * while it stays breached nothing more is sent; when it clears one {@code state=resolved} event follows.
 *
 * <p>{@link #evaluate()} is called by one background thread (tests call it directly, advancing a fake clock);
 * {@link #active()} may be read from any thread. Thread-safe.
 */
public final class AlertEvaluator {
  /** Bounds the window's readings even if evaluations come far faster than the configured interval. */
  private static final int MAX_READINGS = 4096;

  private final List<AlertRule> rules;
  private final Supplier<MeterRegistry> cumulative;
  private final Supplier<Map<CircuitKey, CircuitState>> circuits;
  private final Clock clock;
  private final long windowNanos;
  private final AlertEvents events;
  private final Consumer<Event> sink;
  private final QuietFailures failures;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Reading> readings = new ArrayDeque<>();
  private final Map<String, ActiveAlert> firing = new LinkedHashMap<>();
  private volatile List<ActiveAlert> active = Collections.emptyList();
  private volatile Totals recent = Totals.ZERO;

  /** @param cumulative supplies the cumulative registry, or null while none is built (every total is then zero) */
  public AlertEvaluator(List<AlertRule> rules, Supplier<MeterRegistry> cumulative,
      Supplier<Map<CircuitKey, CircuitState>> circuits, Clock clock, long windowNanos, AlertEvents events,
      Consumer<Event> sink) {
    this.rules = List.copyOf(rules);
    this.cumulative = cumulative;
    this.circuits = circuits;
    this.clock = clock;
    this.windowNanos = windowNanos;
    this.events = events;
    this.sink = sink;
    this.failures = new QuietFailures(clock);
    readings.addLast(new Reading(clock.nanoTime(), totals()));
  }

  /** Reads the metrics once and fires or resolves alerts. Never throws. */
  public void evaluate() {
    lock.lock();
    try {
      long now = clock.nanoTime();
      Totals current = totals();
      Totals previous = readings.peekLast().totals;
      readings.addLast(new Reading(now, current));
      // Keep the newest reading at or before the window's start as the baseline.
      while (readings.size() > MAX_READINGS || (readings.size() > 2 && second().nanos <= now - windowNanos)) {
        readings.removeFirst();
      }
      Totals window = current.minus(readings.peekFirst().totals);
      recent = window;
      Totals sinceLast = current.minus(previous);
      Map<CircuitKey, CircuitState> states = circuits.get();
      for (AlertRule rule : rules) {
        apply(rule, rule.read(window, sinceLast, states));
      }
      active = List.copyOf(firing.values());
    } catch (RuntimeException e) {
      failures.report("evaluating alert rules", e);
    } finally {
      lock.unlock();
    }
  }

  /** The alerts firing as of the latest evaluation. */
  public List<ActiveAlert> active() {
    return active;
  }

  /** What happened over the window, as of the latest evaluation (zero before the first). */
  public Totals recent() {
    return recent;
  }

  /** True when an alert of this severity is firing. */
  public boolean anyActive(Severity severity) {
    for (ActiveAlert alert : active) {
      if (alert.severity() == severity) {
        return true;
      }
    }
    return false;
  }

  private void apply(AlertRule rule, AlertReading reading) {
    ActiveAlert episode = firing.get(rule.name());
    long nowMillis = clock.currentTimeMillis();
    if (episode == null && reading.breached) {
      firing.put(rule.name(), new ActiveAlert(rule.name(), rule.severity(), reading.value, reading.threshold,
          nowMillis));
      emit(events.firing(rule, reading, nowMillis));
    } else if (episode != null && !reading.breached) {
      firing.remove(rule.name());
      emit(events.resolved(rule, reading, episode, nowMillis));
    } else if (episode != null) {
      firing.put(rule.name(), episode.withValue(reading.value));
    }
  }

  private void emit(Event event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      failures.report("emitting an alert event", e);
    }
  }

  // No registry yet means no meter was ever registered: every total is still zero.
  private Totals totals() {
    MeterRegistry registry = cumulative.get();
    return registry == null ? Totals.ZERO : Totals.read(registry);
  }

  private Reading second() {
    Iterator<Reading> it = readings.iterator();
    it.next();
    return it.next();
  }

  /** The totals at one instant. */
  private static final class Reading {
    final long nanos;
    final Totals totals;

    Reading(long nanos, Totals totals) {
      this.nanos = nanos;
      this.totals = totals;
    }
  }
}
