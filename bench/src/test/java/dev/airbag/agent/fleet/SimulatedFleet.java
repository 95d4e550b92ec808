package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.call.Scheduler;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;

/**
 * The fleet of the benchmark's storm simulation: per instance the agent's own {@link FleetCircuits} and
 * {@link FleetSync}, all over one {@link FakeFleetStore} (the Redis scripts' semantics, timed by the callers'
 * clocks), each syncing every interval of simulated time and at once when nudged, as {@link Fleet} does on its
 * thread. Lives in the fleet's package to build those parts; benchmark code only. Not thread-safe: the simulation
 * runs on one thread.
 */
public final class SimulatedFleet {
  private final FakeFleetStore store = new FakeFleetStore();
  private final Clock clock;
  private final Scheduler scheduler;
  private final long intervalNanos;

  public SimulatedFleet(Clock clock, Scheduler scheduler, Duration interval) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.intervalNanos = interval.toNanos();
  }

  /** One instance of the fleet. */
  public final class Member {
    private final String instance;
    private final FleetCircuits circuits;
    private boolean pending;

    private Member(String instance) {
      this.instance = instance;
      this.circuits = new FleetCircuits(clock);
    }

    /** The attempt and transition listener and the probe gate to build this instance's engine with. */
    public FleetCircuits circuits() {
      return circuits;
    }

    /** Starts syncing these breakers (built with {@link #circuits()}) and budgets, first sync now. */
    public void start(CircuitBreakers breakers, RetryBudgets budgets) {
      FleetSync sync = new FleetSync(store, circuits, breakers, budgets, clock, instance, "simulated", line -> { });
      breakers.onCreate(circuits::seed);
      circuits.nudge(() -> {
        if (!pending) {
          pending = true;
          scheduler.after(0).thenRun(() -> {
            pending = false;
            sync.syncOnce();
          });
        }
      });
      every(sync);
    }

    private void every(FleetSync sync) {
      sync.syncOnce();
      scheduler.after(intervalNanos).thenRun(() -> every(sync));
    }
  }

  public Member join(String instance) {
    return new Member(instance);
  }
}
