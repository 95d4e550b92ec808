package dev.airbag.bench.inprocess.storm;

import dev.airbag.agent.engine.call.Scheduler;
import dev.airbag.agent.engine.time.Clock;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Simulated time for the engine: its {@link Clock} and its {@link Scheduler} over one queue of events, run in time
 * order on one thread. Nothing sleeps, so a minute of a fleet under a storm takes a fraction of a second and gives
 * the same figures on a busy machine as on an idle one. Not thread-safe: everything runs on the thread of
 * {@link #runUntil}.
 */
final class VirtualTime implements Clock, Scheduler {
  private static final long EPOCH_MILLIS = 1_800_000_000_000L;

  private record Event(long at, long order, Runnable action) {
  }

  private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at
      ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
  private long now;
  private long order;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public long currentTimeMillis() {
    return EPOCH_MILLIS + now / 1_000_000;
  }

  @Override
  public CompletableFuture<Void> after(long nanos) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    at(now + Math.max(0, nanos), () -> done.complete(null));
    return done;
  }

  /** Runs {@code action} at {@code nanos} (now, if that has passed), after the events already due then. */
  void at(long nanos, Runnable action) {
    queue.add(new Event(Math.max(now, nanos), order++, action));
  }

  /** Runs every event due up to {@code end}, in time order, then sets the clock to {@code end}. */
  void runUntil(long end) {
    while (!queue.isEmpty() && queue.peek().at <= end) {
      Event next = queue.poll();
      now = next.at;
      next.action.run();
    }
    now = Math.max(now, end);
  }

  boolean idle() {
    return queue.isEmpty();
  }
}
