package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.engine.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every circuit, one per (endpoint, model), created on first use with one shared config. Model names come
 * from requests, so the number of circuits is bounded: past {@code maxCircuits} the least recently used
 * circuit that would let the next call through anyway is dropped (closed, open past its open duration, or
 * half-open with no probe out). A circuit that still fails fast, or has a probe out, is never dropped, since
 * forgetting it would send traffic to a failing model; while more than {@code maxCircuits} circuits are in that
 * state the registry grows, and shrinks back as their open durations end.
 *
 * <p>Thread-safe. Looking up an existing circuit takes no lock; only creating one past the bound does.
 */
public final class CircuitBreakers {
  private final BreakerConfig config;
  private final Clock clock;
  private final TransitionListener listener;
  private final int maxCircuits;
  private final Predicate<String> rateRuleFor;
  private final ProbeGate probes;
  private final ConcurrentHashMap<CircuitKey, Entry> circuits = new ConcurrentHashMap<>();
  /** Orders uses for LRU; a counter rather than the clock, whose readings may tie. */
  private final AtomicLong uses = new AtomicLong();
  private final ReentrantLock evictionLock = new ReentrantLock();
  /**
   * Circuits that left closed and have not come back, as their transitions tell: zero on the happy path, so that
   * {@link #anyRefusesNow} looks at no circuit then. Evicting an elapsed open circuit leaves it high, never low.
   */
  private final AtomicInteger notClosed = new AtomicInteger();
  /** Told of each circuit this registry creates, before its first use (in a fleet: open it if the fleet has). */
  private volatile Consumer<CircuitBreaker> onCreate = breaker -> { };

  /** Circuits on which the rate rule applies to every model. */
  public CircuitBreakers(BreakerConfig config, Clock clock, TransitionListener listener, int maxCircuits) {
    this(config, model -> true, clock, listener, maxCircuits);
  }

  /**
   * @param rateRuleFor whether the failure-rate rule applies to a model's circuit: true for a model with a
   *     fallback, where opening early costs nothing because another model serves
   */
  public CircuitBreakers(BreakerConfig config, Predicate<String> rateRuleFor, Clock clock,
      TransitionListener listener, int maxCircuits) {
    this(config, rateRuleFor, clock, listener, maxCircuits, ProbeGate.ALONE);
  }

  /** @param probes whether this instance may probe a half-open circuit (in a fleet, only the lease holder) */
  public CircuitBreakers(BreakerConfig config, Predicate<String> rateRuleFor, Clock clock,
      TransitionListener listener, int maxCircuits, ProbeGate probes) {
    this.probes = Objects.requireNonNull(probes, "probes");
    if (maxCircuits < 1) {
      throw new IllegalArgumentException("maxCircuits must be at least 1, was " + maxCircuits);
    }
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = counting(Objects.requireNonNull(listener, "listener"));
    this.maxCircuits = maxCircuits;
    this.rateRuleFor = Objects.requireNonNull(rateRuleFor, "rateRuleFor");
  }

  /** The circuit of this key: the same instance on every call, until it is evicted while closed. */
  public CircuitBreaker forKey(CircuitKey key) {
    Entry entry = circuits.get(key);
    boolean created = false;
    if (entry == null) {
      Entry[] made = new Entry[1];
      entry = circuits.computeIfAbsent(key, k -> made[0] = new Entry(
          new CircuitBreaker(k, config, rateRuleFor.test(k.model()), clock, listener, probes)));
      created = true;
      if (made[0] == entry) {
        onCreate.accept(entry.breaker);
      }
    }
    entry.lastUse = uses.incrementAndGet();
    if (created && circuits.size() > maxCircuits) {
      evictExcept(key);
    }
    return entry.breaker;
  }

  /** Sets what is told of each circuit created from now on; it runs on the app's thread, so it must be quick. */
  public void onCreate(Consumer<CircuitBreaker> onCreate) {
    this.onCreate = Objects.requireNonNull(onCreate, "onCreate");
  }

  /** Every circuit's state, ordered by key text; reading moves elapsed open circuits to half-open. */
  public Map<CircuitKey, CircuitState> snapshot() {
    List<Map.Entry<CircuitKey, Entry>> entries = new ArrayList<>(circuits.entrySet());
    entries.sort(Comparator.comparing(e -> e.getKey().toString()));
    Map<CircuitKey, CircuitState> states = new LinkedHashMap<>();
    for (Map.Entry<CircuitKey, Entry> e : entries) {
      states.put(e.getKey(), e.getValue().breaker.state());
    }
    return Collections.unmodifiableMap(states);
  }

  /**
   * True when a circuit of {@code endpoint} refuses calls now (fails fast, or holds its probe), so that a call there
   * may not go out as the app asked. An adapter whose client sends before the engine decides asks this first.
   */
  public boolean anyRefusesNow(String endpoint) {
    if (notClosed.get() == 0) {
      return false;
    }
    for (Entry entry : circuits.values()) {
      CircuitBreaker breaker = entry.breaker;
      if (breaker.key().endpoint().equals(endpoint) && breaker.refusesNow()) {
        return true;
      }
    }
    return false;
  }

  private TransitionListener counting(TransitionListener next) {
    return new TransitionListener() {
      @Override
      public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason) {
        onTransition(key, from, to, reason, false);
      }

      @Override
      public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason, boolean learnt) {
        if (from == CircuitState.CLOSED && to != CircuitState.CLOSED) {
          notClosed.incrementAndGet();
        } else if (from != CircuitState.CLOSED && to == CircuitState.CLOSED) {
          notClosed.decrementAndGet();
        }
        next.onTransition(key, from, to, reason, learnt);
      }
    };
  }

  /** The circuit of this key if one is held, without creating it or counting a use. */
  public CircuitBreaker find(CircuitKey key) {
    Entry entry = circuits.get(key);
    return entry == null ? null : entry.breaker;
  }

  /** The keys of the circuits held now, in no order; a copy. */
  public List<CircuitKey> keys() {
    return new ArrayList<>(circuits.keySet());
  }

  /** How many circuits are held now. */
  public int size() {
    return circuits.size();
  }

  private void evictExcept(CircuitKey keep) {
    evictionLock.lock();
    try {
      while (circuits.size() > maxCircuits) {
        Map.Entry<CircuitKey, Entry> victim = leastRecentlyUsedEvictable(keep);
        // Every other circuit fails fast or has a probe out: growing beats forgetting a failing model.
        if (victim == null) {
          return;
        }
        circuits.remove(victim.getKey(), victim.getValue());
      }
    } finally {
      evictionLock.unlock();
    }
  }

  private Map.Entry<CircuitKey, Entry> leastRecentlyUsedEvictable(CircuitKey keep) {
    Map.Entry<CircuitKey, Entry> victim = null;
    for (Map.Entry<CircuitKey, Entry> e : circuits.entrySet()) {
      Entry entry = e.getValue();
      if (e.getKey().equals(keep) || (victim != null && entry.lastUse >= victim.getValue().lastUse)) {
        continue;
      }
      if (entry.breaker.evictable()) {
        victim = e;
      }
    }
    return victim;
  }

  /** A circuit and when it was last looked up. */
  private static final class Entry {
    final CircuitBreaker breaker;
    volatile long lastUse;

    Entry(CircuitBreaker breaker) {
      this.breaker = breaker;
    }
  }
}
