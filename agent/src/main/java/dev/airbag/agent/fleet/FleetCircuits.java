package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.breaker.ProbeGate;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.call.AttemptListener;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.health.FleetHealth;
import dev.airbag.agent.engine.breaker.CircuitBreaker;
import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The fleet's side of the app's threads: counts each attempt, queues this instance's own circuit transitions and
 * rate-limit waits for the sync thread, and answers whether a half-open circuit may probe from here. Everything here
 * reads and writes local memory only: no call ever waits on Redis. Thread-safe.
 */
public final class FleetCircuits implements AttemptListener, TransitionListener, ProbeGate, FleetHealth {
  /** A rate-limit wait shorter than this is the local retry's business, not worth telling the fleet. */
  static final long MIN_SHARED_COOLDOWN_MILLIS = 1_000;

  private final Clock clock;
  private final ConcurrentHashMap<CircuitKey, FleetCircuit> circuits = new ConcurrentHashMap<>();
  private final Queue<LocalChange> changes = new ConcurrentLinkedQueue<>();
  private volatile boolean connected;
  /** The circuits the fleet held open at the last sync, by digest, with their pause's end (epoch millis). */
  private volatile Map<String, Long> openInFleet = Map.of();
  /** Told when a change is queued, so that the sync runs at once rather than at its next tick; never blocks. */
  private volatile Runnable nudge = () -> { };

  public FleetCircuits(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onAttempt(CallRequest request, String model, Classification failure) {
    // A failure the request caused (a 400) says nothing about the provider: the breaker ignores it too.
    if (failure != null && !failure.category().countsAgainstCircuit()) {
      return;
    }
    long now = clock.currentTimeMillis();
    FleetCircuit circuit = circuit(new CircuitKey(request.endpoint().name(), model));
    circuit.tally.count(failure == null, now);
    circuit.lastRequest(request.headers(), request.rawQuery());
    if (failure != null && failure.category() == Category.RATE_LIMITED
        && failure.waitHintMillis() >= MIN_SHARED_COOLDOWN_MILLIS) {
      changes.add(LocalChange.cooldown(circuit, now + failure.waitHintMillis(), request.headers(), request.rawQuery()));
      nudge.run();
    }
  }

  @Override
  public void onRetry(CallRequest request, String model) {
  }

  @Override
  public void onFallback(CallRequest request, String fromModel, String toModel) {
  }

  @Override
  public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason) {
    onTransition(key, from, to, reason, false);
  }

  @Override
  public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason, boolean learnt) {
    FleetCircuit circuit = circuit(key);
    if (to == CircuitState.OPEN) {
      circuit.origin = learnt ? FleetCircuit.Origin.FLEET : FleetCircuit.Origin.HERE;
    } else if (to == CircuitState.CLOSED) {
      circuit.origin = null;
    }
    // What this instance learnt from the fleet is the fleet's already; only its own decisions are news.
    if (!learnt && to != CircuitState.HALF_OPEN) {
      changes.add(LocalChange.transition(circuit, to, reason));
      nudge.run();
    }
  }

  @Override
  public boolean mayProbe(CircuitKey key) {
    // Without the fleet, or for a circuit the fleet has not opened, the engine alone decides.
    if (!connected) {
      return true;
    }
    FleetCircuit circuit = circuits.get(key);
    if (circuit == null || !circuit.fleetOpen || circuit.leaseMine) {
      return true;
    }
    circuit.wanted = true;
    return false;
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public String openedBy(CircuitKey key) {
    FleetCircuit circuit = circuits.get(key);
    FleetCircuit.Origin origin = circuit == null ? null : circuit.origin;
    return origin == null ? null : origin.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A circuit this instance has just created, before its first call: open here too if the fleet holds it open, so
   * that a freshly started instance, or one calling a model for the first time, does not spend its own attempts
   * finding what the others found. The digest is taken only when the fleet has some circuit open.
   */
  public void seed(CircuitBreaker breaker) {
    Map<String, Long> open = openInFleet;
    if (!connected || open.isEmpty()) {
      return;
    }
    Long until = open.get(Digests.circuit(breaker.key()));
    long now = clock.currentTimeMillis();
    if (until != null && until > now) {
      breaker.learnOpen(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(until - now),
          "fleet: open on other instances before this one's first call");
    }
  }

  void openInFleet(Map<String, Long> open) {
    openInFleet = open;
  }

  void nudge(Runnable nudge) {
    this.nudge = nudge;
  }

  void connected(boolean now) {
    connected = now;
  }

  FleetCircuit circuit(CircuitKey key) {
    FleetCircuit circuit = circuits.get(key);
    return circuit != null ? circuit : circuits.computeIfAbsent(key, FleetCircuit::new);
  }

  Collection<FleetCircuit> all() {
    return circuits.values();
  }

  /** Forgets a circuit the breakers no longer hold, so that this map is bounded as theirs is. */
  void forget(CircuitKey key) {
    circuits.remove(key);
  }

  /** The next local change to tell the fleet, or null. */
  LocalChange nextChange() {
    return changes.poll();
  }
}
