package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.engine.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The circuit breaker of one (endpoint, model): stops sending attempts to a model that is failing, so that
 * the app fails fast or falls back instead of waiting on it, and the provider gets room to recover.
 *
 * <p><b>The window counts attempts, not logical calls.</b> Each HTTP attempt reports its own outcome, so one
 * app call that took three attempts puts three outcomes in the window. An attempt is what reaches the
 * provider, and the provider's health is what the circuit measures; counting logical calls would hide
 * failures that retries happened to absorb, and the circuit would open only once retries stopped working.
 * (resilience4j wraps whatever it decorates, so there the count depends on where the retry sits; here it
 * does not.)
 *
 * <ul>
 *   <li><b>Closed:</b> every attempt goes out. The circuit opens on {@code hopelessAfter} unhealthy attempts in a
 *       row, or, where the rate rule applies (a model with a fallback), once the window of the last {@code window}
 *       attempts holds {@code minimumCalls} outcomes and failures / outcomes &gt;= the threshold (exactly at the
 *       threshold opens). With the slow-call rule on, an attempt that took at least {@code slowCallDuration}
 *       counts as a failure even if it succeeded.
 *   <li><b>Open:</b> every attempt is rejected at once, without touching the network or taking a lock. Once the
 *       stay's pause has elapsed ({@code firstOpenDuration}, twice, then doubled by each further failed probe since the circuit last
 *       closed, up to {@code openDuration}) the circuit moves to half-open, lazily: on the next
 *       {@link #tryAcquire()} or {@link #state()}.
 *   <li><b>Half-open:</b> exactly {@code halfOpenCalls} probes are admitted; others are rejected. When all
 *       probes succeed the circuit closes with an empty window; the first failed (or slow) probe reopens it
 *       for a longer pause. A probe reported with {@link Permit#onIgnored()} gives its slot back.
 * </ul>
 *
 * <p>Only failures that say the provider is unhealthy (overloaded, transient, timeout, rate limited) should
 * be reported with {@link Permit#onFailure(long)}; an error the request caused, such as a 400, is reported
 * with {@link Permit#onIgnored()} and never opens a circuit. A permit counts once however often it is
 * reported, and a report from before a transition (a permit taken while closed, reported after the circuit
 * opened) is dropped, so a late answer cannot corrupt the new state. Every permit must be reported once;
 * probes that never are presumed lost after {@link BreakerConfig#halfOpenMaxWait()}, and the circuit reopens.
 *
 * <p>Thread-safe. State changes happen under a {@link ReentrantLock} (not {@code synchronized}, which would
 * pin virtual threads); the listener is told outside it.
 */
public final class CircuitBreaker {
  private final CircuitKey key;
  private final BreakerConfig config;
  private final Clock clock;
  private final TransitionNotifier notifier;
  private final ProbeGate probes;
  /** When a held call's last try last went through the open circuit, and in which stay; under the lock. */
  private long lastChanceNanos;
  private long lastChanceStay = -1;
  /** Tries refused since the last try went through the open circuit as a last chance; see {@link #onRefused()}. */
  private final AtomicInteger refusedSinceLastChance = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  /** Written under the lock; read without it only through the methods of an immutable state. */
  private volatile BreakerState current;
  /** Under the lock; moves on every transition, so reports from an earlier stay can be told apart. */
  private long generation;
  /** Under the lock: probes failed since the circuit last closed; each one doubles the next open pause. */
  private int failedProbes;
  private final boolean rateRule;
  /** How long the latest failed attempt took; read without the lock, so a stale value is fine. */
  private volatile long lastFailureNanos;

  /** A circuit on which both rules apply (a model with a fallback, or a caller that wants the rate rule). */
  public CircuitBreaker(CircuitKey key, BreakerConfig config, Clock clock, TransitionListener listener) {
    this(key, config, true, clock, listener);
  }

  /**
   * @param rateRule whether the failure-rate rule applies (true for a model with a fallback); the hopeless rule
   *     always does
   */
  public CircuitBreaker(CircuitKey key, BreakerConfig config, boolean rateRule, Clock clock,
      TransitionListener listener) {
    this(key, config, rateRule, clock, listener, ProbeGate.ALONE);
  }

  /** @param probes whether this instance may send the half-open probes (in a fleet, only the lease holder) */
  public CircuitBreaker(CircuitKey key, BreakerConfig config, boolean rateRule, Clock clock,
      TransitionListener listener, ProbeGate probes) {
    this.probes = Objects.requireNonNull(probes, "probes");
    this.key = Objects.requireNonNull(key, "key");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.notifier = new TransitionNotifier(key, Objects.requireNonNull(listener, "listener"));
    this.rateRule = rateRule;
    this.current = new ClosedState(config, rateRule);
  }

  /**
   * Asks to make one attempt. Returns a permit when closed, or half-open with a free probe slot; null when
   * open or when every probe slot is taken. A null answer costs no lock and no allocation while open.
   */
  public Permit tryAcquire() {
    long now = clock.nanoTime();
    // The fast path of the open state: no lock, so a rejected call costs well under a microsecond.
    if (current.rejectsWithoutLock(now)) {
      return null;
    }
    Permit permit = null;
    lock.lock();
    try {
      advance(now);
      // In a fleet another instance may hold the probes: a half-open circuit then waits for its verdict.
      boolean probeElsewhere = current.kind() == CircuitState.HALF_OPEN && !probes.mayProbe(key);
      if (!probeElsewhere && current.admit(now)) {
        permit = new AttemptPermit(this, generation, current.kind() == CircuitState.HALF_OPEN);
      }
    } finally {
      lock.unlock();
    }
    notifier.deliver();
    return permit;
  }

  /**
   * For a held call's last try: an open circuit that has been open for at least {@code spacingNanos} turns half-open
   * now rather than at the end of its pause, and this call is its probe. So a provider that recovers while calls
   * wait is found by the first of them to reach its last try, as the app's SDK would have found it, while a provider
   * that stays down gets at most one such probe per spacing, and only once {@code minRefused} tries were refused
   * ({@link #onRefused()}) since the last one: a lone caller's refusals then cost the provider no more than one request
   * in {@code minRefused}, while under load the spacing decides. Null when the circuit is not open long enough, too
   * few tries were refused, or its probe slot is taken.
   */
  public Permit tryAcquireLastChance(long spacingNanos, int minRefused) {
    // In a fleet the probes are the fleet's, one lease for all instances: a held call must not add its own.
    if (probes != ProbeGate.ALONE || refusedSinceLastChance.get() < minRefused) {
      return null;
    }
    long now = clock.nanoTime();
    lock.lock();
    try {
      advance(now);
      if (!(current instanceof OpenState)) {
        return null;
      }
      if (now - lastChanceSince() < spacingNanos) {
        return null;
      }
      lastChanceNanos = now;
      lastChanceStay = generation;
      refusedSinceLastChance.set(0);
      return new LastChance(generation);
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock, open: when the spacing of last chances is counted from. */
  private long lastChanceSince() {
    return lastChanceStay == generation ? lastChanceNanos : ((OpenState) current).sinceNanos();
  }

  /** A try refused by this open circuit, counted once per try, for {@link #tryAcquireLastChance(long, int)}. */
  public void onRefused() {
    refusedSinceLastChance.incrementAndGet();
  }

  /**
   * How long until {@link #tryAcquireLastChance(long, int)} would grant a try, if only time stands in the way: 0 when
   * it would now, {@link Long#MAX_VALUE} when it would not for another reason (not open, too few refusals, a fleet).
   */
  public long nanosUntilLastChance(long spacingNanos, int minRefused) {
    if (probes != ProbeGate.ALONE || refusedSinceLastChance.get() < minRefused) {
      return Long.MAX_VALUE;
    }
    long now = clock.nanoTime();
    lock.lock();
    try {
      advance(now);
      if (!(current instanceof OpenState)) {
        return Long.MAX_VALUE;
      }
      return Math.max(0, lastChanceSince() + spacingNanos - now);
    } finally {
      lock.unlock();
      notifier.deliver();
    }
  }

  /**
   * A held call's last try through an open circuit. Only a success changes the circuit (the provider is back:
   * half-open, then closed); a failure leaves the open stay as it is, with no transition and no event, so that a
   * long outage costs no more than the spacing allows.
   */
  private final class LastChance implements Permit {
    private final long stay;
    private boolean reported;

    LastChance(long stay) {
      this.stay = stay;
    }

    @Override
    public boolean probe() {
      return true;
    }

    @Override
    public void onSuccess(long durationNanos) {
      long now = clock.nanoTime();
      lock.lock();
      try {
        if (reported) {
          return;
        }
        reported = true;
        advance(now);
        if (generation == stay && current.kind() == CircuitState.OPEN) {
          apply(new Transition(CircuitState.OPEN, CircuitState.HALF_OPEN, "a held call's last try found the provider back"), now);
          apply(new Transition(CircuitState.HALF_OPEN, CircuitState.CLOSED, "a held call's last try succeeded"), now);
        }
      } finally {
        lock.unlock();
      }
      notifier.deliver();
    }

    @Override
    public void onFailure(long durationNanos) {
      reported = true;
      lastFailureNanos = Math.max(0, durationNanos);
    }

    @Override
    public void onIgnored() {
      reported = true;
    }
  }


  /** The current state; an open circuit whose open duration has elapsed becomes half-open on this read. */
  public CircuitState state() {
    return metrics().state();
  }

  /** A consistent snapshot of the counters; moves the state on with time, as {@link #state()} does. */
  public BreakerMetrics metrics() {
    long now = clock.nanoTime();
    BreakerMetrics metrics;
    lock.lock();
    try {
      advance(now);
      metrics = current.metrics();
    } finally {
      lock.unlock();
    }
    notifier.deliver();
    return metrics;
  }

  /** How long the latest failed attempt on this circuit took, 0 before any: what a rejection saves a call. */
  public long lastFailureNanos() {
    return lastFailureNanos;
  }

  /** Whether the failure-rate rule applies to this circuit (its model has a fallback). */
  public boolean rateRule() {
    return rateRule;
  }

  /**
   * Whether a call asking now would be refused without a probe: open, and its pause not over. Takes nothing (no
   * permit, no probe slot) and no lock, so that a caller can choose where to send a call before it asks.
   */
  public boolean refusesNow() {
    return current.rejectsWithoutLock(clock.nanoTime());
  }

  /** Nanoseconds until an open circuit lets probes through; 0 unless open. For a Retry-After header. */
  public long remainingOpenNanos() {
    return current.remainingOpenNanos(clock.nanoTime());
  }

  public CircuitKey key() {
    return key;
  }

  public BreakerConfig config() {
    return config;
  }

  /**
   * For the registry's eviction scan, without moving the state on: true when forgetting this circuit would let
   * the next call through just as keeping it would. Closed; open past its open duration; half-open with no probe
   * out. An open circuit still failing fast, or a probe in flight, is never forgotten.
   */
  boolean evictable() {
    BreakerState state = current;
    switch (state.kind()) {
      case CLOSED:
        return true;
      case OPEN:
        return state.remainingOpenNanos(clock.nanoTime()) == 0;
      default:
        lock.lock();
        try {
          return current.kind() != CircuitState.HALF_OPEN || current.metrics().probesInFlight() == 0;
        } finally {
          lock.unlock();
        }
    }
  }

  void record(AttemptPermit permit, HealthSample outcome, long durationNanos) {
    if (outcome.unhealthy()) {
      lastFailureNanos = Math.max(0, durationNanos);
    }
    long now = clock.nanoTime();
    lock.lock();
    try {
      advance(now);
      // A report from an earlier stay says nothing about this one.
      if (permit.generation() == generation) {
        apply(current.record(outcome, Math.max(0, durationNanos), now), now);
      }
    } finally {
      lock.unlock();
    }
    notifier.deliver();
  }

  void release(AttemptPermit permit) {
    long now = clock.nanoTime();
    lock.lock();
    try {
      advance(now);
      if (permit.generation() == generation) {
        current.release(now);
      }
    } finally {
      lock.unlock();
    }
    notifier.deliver();
  }

  /**
   * Opens the circuit (or lengthens its open stay) until {@code untilNanos} on the clock of this breaker, because
   * other instances of the fleet found the model failing. A stay already open for longer is kept. The transition is
   * told to the listener as learnt.
   */
  public void learnOpen(long untilNanos, String reason) {
    long now = clock.nanoTime();
    lock.lock();
    try {
      advance(now);
      if (current.kind() != CircuitState.OPEN) {
        move(new Transition(current.kind(), CircuitState.OPEN, reason, true), OpenState.until(now, untilNanos));
      } else if (untilNanos - now > current.remainingOpenNanos(now)) {
        // Still open, for longer: the same stay as far as the listener is concerned.
        current = OpenState.until(now, untilNanos);
      }
    } finally {
      lock.unlock();
    }
    notifier.deliver();
  }

  /**
   * Closes an open or half-open circuit because another instance of the fleet found the model serving again (its
   * probe succeeded); an open one passes through half-open, the only legal way. Told to the listener as learnt.
   */
  public void learnClosed(String reason) {
    long now = clock.nanoTime();
    lock.lock();
    try {
      advance(now);
      if (current.kind() == CircuitState.OPEN) {
        move(new Transition(CircuitState.OPEN, CircuitState.HALF_OPEN, reason, true),
            new HalfOpenState(now, config));
      }
      if (current.kind() == CircuitState.HALF_OPEN) {
        move(new Transition(CircuitState.HALF_OPEN, CircuitState.CLOSED, reason, true),
            new ClosedState(config, rateRule));
      }
    } finally {
      lock.unlock();
    }
    notifier.deliver();
  }

  /** Under the lock: applies what time alone changes. */
  private void advance(long now) {
    apply(current.onTime(now), now);
  }

  /** Under the lock. */
  private void apply(Transition transition, long now) {
    if (transition == null) {
      return;
    }
    // A state only ever proposes to leave itself; anything else is a bug.
    if (transition.from() != current.kind()) {
      throw new IllegalStateException("transition " + transition + " proposed while " + current.kind());
    }
    Transitions.check(transition.from(), transition.to());
    countProbes(transition);
    enterState(transition, enter(transition.to(), now));
  }

  /** Under the lock: a change decided elsewhere, into a state built by the caller. */
  private void move(Transition transition, BreakerState next) {
    Transitions.check(transition.from(), transition.to());
    countProbes(transition);
    enterState(transition, next);
  }

  /** Under the lock: before entering an open state, whose pause depends on the count. */
  private void countProbes(Transition transition) {
    if (transition.from() == CircuitState.HALF_OPEN) {
      failedProbes = transition.to() == CircuitState.OPEN ? failedProbes + 1 : 0;
    }
  }

  private void enterState(Transition transition, BreakerState next) {
    current = next;
    generation++;
    notifier.enqueue(transition);
  }

  private BreakerState enter(CircuitState state, long now) {
    switch (state) {
      case CLOSED:
        return new ClosedState(config, rateRule);
      case OPEN:
        return new OpenState(now, config.openNanos(failedProbes));
      case HALF_OPEN:
        return new HalfOpenState(now, config);
      default:
        throw new IllegalStateException("no state class for " + state);
    }
  }

  /**
   * The right to make one attempt, to be reported exactly once. Thread-safe; later reports are ignored.
   */
  public interface Permit {
    /** The attempt succeeded; with the slow-call rule on, a long enough success still counts as a failure. */
    void onSuccess(long durationNanos);

    /** The attempt failed in a way that says the provider is unhealthy (overloaded, transient, timeout, 429). */
    void onFailure(long durationNanos);

    /** The outcome says nothing about the provider's health (a 400, a cancelled call); frees a probe slot. */
    void onIgnored();

    /** Whether this attempt goes through a circuit that is not closed (a half-open probe, a held call's last try). */
    default boolean probe() {
      return false;
    }
  }
}
