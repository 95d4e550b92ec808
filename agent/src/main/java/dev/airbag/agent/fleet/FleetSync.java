package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.retry.RetryBudget;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One instance's exchange with the fleet, run every sync interval on Airbag's own thread: tells Redis what this
 * instance decided and counted since the last time, reads back the fleet's view of each circuit it holds, and applies
 * it to the local breakers (an opening or closing decided elsewhere, the fleet's counts crossing the engine's
 * thresholds, a rate-limit wait another instance was told, the probe lease); adds this instance's requests and retries
 * to each endpoint's fleet-wide retry budget and reads back the fleet's. One round trip per sync, two when the
 * fleet's counts open a circuit. When Redis fails, the instance goes on alone: one log line when it goes, one when it
 * comes back. Not thread-safe: one sync thread.
 */
final class FleetSync {
  /** How long a probe lease lasts unless its holder has a probe out; then it is renewed at each sync. */
  static final long PROBE_LEASE_MILLIS = 1_500;
  /** How long to wait before trying a Redis that failed again, so that a dead one costs little. */
  static final long RETRY_MILLIS = 1_000;

  private final FleetStore store;
  private final FleetCircuits circuits;
  private final CircuitBreakers breakers;
  private final RetryBudgets budgets;
  private final Clock clock;
  private final String instance;
  private final String where;
  private final Consumer<String> log;
  private boolean everConnected;
  private boolean down;
  private long retryAtMillis;

  /** @param budgets the retry budgets to share, or null to share circuits only */
  FleetSync(FleetStore store, FleetCircuits circuits, CircuitBreakers breakers, RetryBudgets budgets, Clock clock,
      String instance, String where, Consumer<String> log) {
    this.store = store;
    this.circuits = circuits;
    this.breakers = breakers;
    this.budgets = budgets;
    this.clock = clock;
    this.instance = instance;
    this.where = where;
    this.log = log;
  }

  void syncOnce() {
    long now = clock.currentTimeMillis();
    if (down && now < retryAtMillis) {
      discardWhileDown();
      return;
    }
    List<FleetWrite> writes = new ArrayList<>();
    localChanges(now, writes);
    leases(now, writes);
    List<FleetCircuit> watched = watched();
    List<CircuitReport> reports = new ArrayList<>(watched.size());
    for (FleetCircuit circuit : watched) {
      reports.add(circuit.tally.take(circuit.id, List.of(circuit.credential())));
    }
    List<RetryBudget> shared = new ArrayList<>();
    List<BudgetReport> budgetReports = new ArrayList<>();
    if (budgets != null) {
      budgets.forEach((endpoint, budget) -> {
        long[] counts = budget.takeUnsynced();
        shared.add(budget);
        budgetReports.add(new BudgetReport(Digests.endpoint(endpoint), counts[0], counts[1],
            budget.windowSeconds()));
      });
    }
    List<CircuitView> views;
    try {
      views = store.sync(instance, writes, reports, budgetReports, now);
    } catch (FleetStoreException e) {
      wentDown(e, now);
      return;
    }
    cameBack();
    List<BudgetView> budgetViews = store.budgetViews();
    for (int i = 0; i < shared.size() && i < budgetViews.size(); i++) {
      shared.get(i).fleetCounts(budgetViews.get(i).requests(), budgetViews.get(i).retries());
    }
    circuits.openInFleet(store.openCircuits());
    List<FleetWrite> opens = new ArrayList<>();
    for (int i = 0; i < watched.size(); i++) {
      apply(watched.get(i), views.get(i), now, opens);
    }
    if (!opens.isEmpty()) {
      try {
        store.sync(instance, opens, List.of(), now);
      } catch (FleetStoreException e) {
        wentDown(e, now);
      }
    }
  }

  /** This instance's own decisions since the last sync, as writes. */
  private void localChanges(long now, List<FleetWrite> writes) {
    LocalChange change;
    while ((change = circuits.nextChange()) != null) {
      FleetCircuit circuit = change.circuit;
      if (change.to == null) {
        circuit.ownCooldownUntil = Math.max(circuit.ownCooldownUntil, change.cooldownUntilMillis);
        writes.add(FleetWrite.cooldown(circuit.id, change.credential(), change.cooldownUntilMillis));
        continue;
      }
      circuit.localChangeMillis = now;
      if (change.to == CircuitState.CLOSED) {
        writes.add(FleetWrite.close(circuit.id, change.reason));
        continue;
      }
      CircuitBreaker breaker = breakers.find(circuit.key);
      long remaining = breaker == null ? 0 : breaker.remainingOpenNanos();
      if (remaining > 0) {
        writes.add(FleetWrite.open(circuit.id, now + millisUp(remaining), change.reason));
      }
    }
  }

  /**
   * The probe lease: kept while this instance has a probe out, asked for when a half-open circuit here wanted to
   * probe and the fleet's pause is over.
   */
  private void leases(long now, List<FleetWrite> writes) {
    for (FleetCircuit circuit : circuits.all()) {
      if (circuit.leaseMine) {
        CircuitBreaker breaker = breakers.find(circuit.key);
        if (breaker != null && breaker.metrics().probesInFlight() > 0) {
          writes.add(FleetWrite.renewProbe(circuit.id, PROBE_LEASE_MILLIS));
        }
      } else if (circuit.wanted && circuit.fleetOpen && circuit.fleetUntilMillis <= now) {
        writes.add(FleetWrite.acquireProbe(circuit.id, PROBE_LEASE_MILLIS));
      }
      circuit.wanted = false;
    }
  }

  /** The circuits the breakers hold; those they dropped are forgotten here too. */
  private List<FleetCircuit> watched() {
    List<CircuitKey> keys = breakers.keys();
    Set<CircuitKey> held = new HashSet<>(keys);
    for (FleetCircuit circuit : circuits.all()) {
      if (!held.contains(circuit.key)) {
        circuits.forget(circuit.key);
      }
    }
    List<FleetCircuit> watched = new ArrayList<>(keys.size());
    for (CircuitKey key : keys) {
      watched.add(circuits.circuit(key));
    }
    return watched;
  }

  private void apply(FleetCircuit circuit, CircuitView view, long now, List<FleetWrite> opens) {
    CircuitBreaker breaker = breakers.find(circuit.key);
    if (breaker == null) {
      return;
    }
    FleetState state = view.state();
    circuit.fleetOpen = state != null && state.open();
    circuit.fleetUntilMillis = state == null ? 0 : state.untilMillis();
    circuit.leaseMine = instance.equals(view.probeHolder());
    if (state != null && state.seq() > circuit.appliedSeq) {
      circuit.appliedSeq = state.seq();
      // Our own decisions are applied already; one older than our latest local change is overtaken by it.
      boolean news = !state.owner().equals(instance) && state.atMillis() >= circuit.localChangeMillis;
      if (news && state.open()) {
        // A pause already over still means open until the fleet's probe says otherwise: half-open at once, and
        // the probe lease decides who probes.
        breaker.learnOpen(nanosAt(Math.max(state.untilMillis(), now + 1), now), "fleet: " + state.reason());
      } else if (news && !state.open()) {
        breaker.learnClosed("fleet: " + state.reason());
      }
    }
    Long cooldown = view.cooldowns().get(circuit.credential());
    // A wait this instance was told itself is the local retry's and the SDK's, as without a fleet.
    if (cooldown != null && cooldown > now && cooldown > circuit.ownCooldownUntil) {
      breaker.learnOpen(nanosAt(cooldown, now), "fleet: rate limited for this key until the provider's reset");
    }
    if ((state == null || !state.open()) && breaker.state() == CircuitState.CLOSED) {
      String why = FleetRule.opens(breaker.config(), breaker.rateRule(), view, now);
      if (why != null) {
        long until = now + breaker.config().firstOpenDuration().toMillis();
        opens.add(FleetWrite.open(circuit.id, until, why));
        circuit.localChangeMillis = now;
        breaker.learnOpen(nanosAt(until, now), "fleet: " + why);
      }
    }
  }

  private void wentDown(FleetStoreException e, long now) {
    retryAtMillis = now + RETRY_MILLIS;
    if (!down) {
      down = true;
      circuits.connected(false);
      log.accept("fleet Redis " + where + (everConnected ? " lost" : " unreachable") + " (" + e.getMessage()
          + "); each instance keeps its own circuits until it is back");
    }
    for (FleetCircuit circuit : circuits.all()) {
      circuit.fleetOpen = false;
      circuit.leaseMine = false;
    }
    discardWhileDown();
  }

  private void cameBack() {
    if (down) {
      log.accept("fleet Redis " + where + " is back; sharing circuits again");
      republishOpenings();
    }
    down = false;
    everConnected = true;
    circuits.connected(true);
  }

  /** A restarted Redis knows nothing: circuits this instance opened and that still fail fast are told again. */
  private void republishOpenings() {
    for (FleetCircuit circuit : circuits.all()) {
      CircuitBreaker breaker = breakers.find(circuit.key);
      if (circuit.origin == FleetCircuit.Origin.HERE && breaker != null && breaker.remainingOpenNanos() > 0) {
        circuits.onTransition(circuit.key, CircuitState.CLOSED, CircuitState.OPEN, "opened here while Redis was away");
      }
    }
  }

  /** Counts and changes made while Redis is away would be stale by the time it is back. */
  private void discardWhileDown() {
    while (circuits.nextChange() != null) {
      // drained
    }
    for (FleetCircuit circuit : circuits.all()) {
      circuit.tally.discard();
    }
    if (budgets != null) {
      budgets.forEach((endpoint, budget) -> budget.leaveFleet());
    }
  }

  private long nanosAt(long untilMillis, long nowMillis) {
    return clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(untilMillis - nowMillis);
  }

  private static long millisUp(long nanos) {
    return (nanos + 999_999) / 1_000_000;
  }
}
