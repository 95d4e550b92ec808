package dev.airbag.agent.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's Redis as maps, with the semantics of {@link RedisScripts} and the expiries on the callers' wall clock;
 * {@link #down} makes every sync fail as an unreachable Redis does. Shared by the test's instances. Not thread-safe.
 */
final class FakeFleetStore implements FleetStore {
  boolean down;
  int syncs;
  private final Map<String, Circuit> circuits = new HashMap<>();
  /** The open index: digest to the end of its pause. */
  private final Map<String, Long> open = new HashMap<>();
  private Map<String, Long> openAtLastSync = Map.of();
  /** Each endpoint's retry budget: second to {requests, retries}. */
  private final Map<String, Map<Long, long[]>> budgetBuckets = new HashMap<>();
  private List<BudgetView> budgetViews = List.of();

  /** One circuit's keys. */
  private static final class Circuit {
    long seq;
    String state;
    long stateExpires;
    long runN;
    long runT0;
    final Map<Long, long[]> buckets = new HashMap<>();
    String probe;
    long probeExpires;
    final Map<String, Long> cooldowns = new HashMap<>();
  }

  /** Puts a value where the state belongs, as a Redis someone else writes to might. */
  void corruptState(String circuit, String value) {
    Circuit c = circuits.computeIfAbsent(circuit, k -> new Circuit());
    c.state = value;
    c.stateExpires = Long.MAX_VALUE;
  }

  @Override
  public List<CircuitView> sync(String instance, List<FleetWrite> writes, List<CircuitReport> reports,
      List<BudgetReport> budgets, long now) {
    if (down) {
      throw new FleetStoreException("Connection refused");
    }
    syncs++;
    for (FleetWrite write : writes) {
      write(instance, write, now);
    }
    List<CircuitView> views = new ArrayList<>();
    for (CircuitReport report : reports) {
      views.add(report(report, now));
    }
    List<BudgetView> totals = new ArrayList<>();
    for (BudgetReport budget : budgets) {
      totals.add(budget(budget, now));
    }
    budgetViews = List.copyOf(totals);
    Map<String, Long> current = new HashMap<>();
    open.forEach((circuit, until) -> {
      if (until > now) {
        current.put(circuit, until);
      }
    });
    openAtLastSync = Map.copyOf(current);
    return views;
  }

  @Override
  public Map<String, Long> openCircuits() {
    return openAtLastSync;
  }

  @Override
  public List<BudgetView> budgetViews() {
    return budgetViews;
  }

  /** As the BUDGET script: this second's bucket grows, the window's seconds are summed. */
  private BudgetView budget(BudgetReport report, long now) {
    Map<Long, long[]> buckets = budgetBuckets.computeIfAbsent(report.endpoint(), k -> new HashMap<>());
    long sec = now / 1000;
    if (report.requests() > 0 || report.retries() > 0) {
      long[] bucket = buckets.computeIfAbsent(sec, k -> new long[2]);
      bucket[0] += report.requests();
      bucket[1] += report.retries();
    }
    buckets.keySet().removeIf(s -> s <= sec - report.windowSeconds());
    long requests = 0;
    long retries = 0;
    for (long[] bucket : buckets.values()) {
      requests += bucket[0];
      retries += bucket[1];
    }
    return new BudgetView(requests, retries);
  }

  private void write(String owner, FleetWrite write, long now) {
    Circuit c = circuits.computeIfAbsent(write.circuit(), k -> new Circuit());
    String probe = c.probeExpires > now ? c.probe : null;
    switch (write.kind()) {
      case OPEN:
        FleetState current = state(c, now);
        if (current == null || !current.open() || current.untilMillis() < write.millis()) {
          decide(c, owner, "open", write.millis(), write.reason(), now, Math.max(write.millis() - now, 0) + 600_000);
          open.put(write.circuit(), write.millis());
        }
        clear(c, owner, now);
        break;
      case CLOSE:
        decide(c, owner, "closed", 0, write.reason(), now, 600_000);
        open.remove(write.circuit());
        clear(c, owner, now);
        break;
      case ACQUIRE_PROBE:
        if (probe == null) {
          c.probe = owner;
          c.probeExpires = now + write.millis();
        }
        break;
      case RENEW_PROBE:
        if (owner.equals(probe)) {
          c.probeExpires = now + write.millis();
        }
        break;
      case COOLDOWN:
        Long until = c.cooldowns.get(write.credential());
        if (until == null || until <= now || write.millis() > until) {
          c.cooldowns.put(write.credential(), write.millis());
        }
        break;
      default:
        throw new IllegalStateException();
    }
  }

  private static void decide(Circuit c, String owner, String kind, long until, String reason, long now, long ttl) {
    c.seq++;
    c.state = kind + "|" + until + "|" + owner + "|" + c.seq + "|" + now + "|" + reason;
    c.stateExpires = now + ttl;
  }

  private static void clear(Circuit c, String owner, long now) {
    c.runN = 0;
    c.buckets.clear();
    if (owner.equals(c.probe)) {
      c.probe = null;
    }
  }

  private CircuitView report(CircuitReport r, long now) {
    Circuit c = circuits.computeIfAbsent(r.circuit(), k -> new Circuit());
    long sec = now / 1000;
    if (r.attempts() > 0) {
      long[] bucket = c.buckets.computeIfAbsent(sec, k -> new long[2]);
      bucket[0] += r.attempts();
      bucket[1] += r.unhealthy();
    }
    if (r.succeeded()) {
      c.runN = r.trailingUnhealthy();
      c.runT0 = r.runStartMillis();
    } else if (r.trailingUnhealthy() > 0) {
      if (c.runN == 0) {
        c.runT0 = r.runStartMillis();
      }
      c.runN += r.trailingUnhealthy();
    }
    long attempts = 0;
    long unhealthy = 0;
    for (long s = sec - 1; s <= sec; s++) {
      long[] bucket = c.buckets.get(s);
      if (bucket != null) {
        attempts += bucket[0];
        unhealthy += bucket[1];
      }
    }
    Map<String, Long> cools = new HashMap<>();
    for (String credential : r.credentials()) {
      Long until = c.cooldowns.get(credential);
      if (until != null && until > now) {
        cools.put(credential, until);
      }
    }
    String state = c.stateExpires > now ? c.state : null;
    return new CircuitView(r.circuit(), c.runN, c.runN == 0 ? 0 : c.runT0, attempts, unhealthy,
        FleetState.parse(state), c.probeExpires > now ? c.probe : null, cools);
  }

  private static FleetState state(Circuit c, long now) {
    return c.stateExpires > now ? FleetState.parse(c.state) : null;
  }

  @Override
  public void close() {
  }
}
