package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.log.AgentLog;
import dev.airbag.agent.support.DaemonThreads;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The instances of a service acting as one towards a sick provider, through shared state in Redis. Built only when
 * {@code airbag.fleet.redis.url} is set, so that without it neither this package nor the Redis client loads. The
 * app's threads meet only {@link #circuits()} (local memory); one daemon thread syncs with Redis every interval.
 * Thread-safe.
 */
public final class Fleet {
  private final FleetSettings settings;
  private final Clock clock;
  private final FleetCircuits circuits;
  private final String instance;
  private ScheduledExecutorService thread;
  private FleetStore store;
  private FleetSync sync;

  private Fleet(FleetSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.circuits = new FleetCircuits(clock);
    // Not a secret, only distinct: the owner of what this instance writes.
    this.instance = ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  public static Fleet create(FleetSettings settings, Clock clock) {
    return new Fleet(settings, clock);
  }

  /** The listener of attempts and transitions, and the probe gate, to build the engine with. */
  public FleetCircuits circuits() {
    return circuits;
  }

  /**
   * Starts syncing these breakers (built with {@link #circuits()}) and these retry budgets (null: not shared) with the
   * fleet.
   */
  public synchronized void start(CircuitBreakers breakers, RetryBudgets budgets) {
    if (thread != null) {
      return;
    }
    store = new RedisFleetStore(settings);
    FleetSync sync = new FleetSync(store, circuits, breakers, budgets, clock, instance, settings.toString(),
        AgentLog.logger()::warn);
    this.sync = sync;
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new DaemonThreads("fleet"));
    long every = settings.syncInterval().toMillis();
    executor.scheduleWithFixedDelay(() -> runSync(sync), 0, every, TimeUnit.MILLISECONDS);
    thread = executor;
    breakers.onCreate(circuits::seed);
    AtomicBoolean pending = new AtomicBoolean();
    // A decision the fleet should hear (an opening, a 429's wait) goes out now, not at the next tick; one extra run
    // at a time, on the same single thread, so syncs never overlap.
    circuits.nudge(() -> {
      if (pending.compareAndSet(false, true)) {
        try {
          executor.execute(() -> {
            pending.set(false);
            runSync(sync);
          });
        } catch (RejectedExecutionException stopped) {
          pending.set(false);
        }
      }
    });
  }

  private static void runSync(FleetSync sync) {
    try {
      sync.syncOnce();
    } catch (RuntimeException e) {
      // A bug here must not end the schedule: the next sync starts afresh.
      AgentLog.logger().warn("fleet sync failed", e);
    }
  }

  /** Stops syncing, after one last sync so that the fleet hears what this instance decided last (bounded by the timeouts). */
  public synchronized void stop() {
    if (thread == null) {
      return;
    }
    thread.shutdown();
    try {
      if (thread.awaitTermination(settings.commandTimeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
        sync.syncOnce();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Shutting down: a failed last sync loses only what the fleet would have learnt a moment later anyway.
    }
    thread.shutdownNow();
    thread = null;
    store.close();
  }

  /** For the start-up line: where the fleet's Redis is. */
  public String describe() {
    return "fleet via " + settings + " every " + settings.syncInterval().toMillis() + "ms";
  }
}
