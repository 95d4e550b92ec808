package dev.airbag.bench.inprocess.storm;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * A provider with a fixed number of slots: a request holds one for its service time (half to one and a half times
 * the mean) and is answered 200. A request that finds every slot busy waits in a first-in first-out queue, or, when
 * the queue is full (or there is none), is turned away with 529 after {@code rejectSeconds}, using no slot. For a
 * window of the run only a share of the slots exists; requests already served keep theirs. The provider cannot tell
 * that a client stopped waiting: it serves that request all the same (the work an overloaded server wastes). Runs
 * on the simulation's thread.
 */
final class CapacityProvider {
  static final int OK = 200;
  static final int OVERLOADED = 529;

  private final VirtualTime time;
  private final Random random;
  private final Timeline timeline;
  private final int slots;
  private final int slotsDuringDrop;
  private final long dropStart;
  private final long dropEnd;
  private final long meanServiceNanos;
  private final long rejectNanos;
  private final int queueLimit;
  private final ArrayDeque<IntConsumer> queue = new ArrayDeque<>();
  private int busy;

  CapacityProvider(VirtualTime time, Random random, Timeline timeline, StormSettings settings) {
    this.time = time;
    this.random = random;
    this.timeline = timeline;
    this.slots = settings.slots();
    this.slotsDuringDrop = (int) Math.round(settings.slots() * settings.dropTo());
    this.dropStart = settings.dropStartSeconds() * 1_000_000_000L;
    this.dropEnd = settings.dropEndSeconds() * 1_000_000_000L;
    this.meanServiceNanos = (long) (settings.meanServiceSeconds() * 1e9);
    this.rejectNanos = (long) (settings.rejectSeconds() * 1e9);
    this.queueLimit = settings.queueLimit();
    // The slots come back at the end of the drop, and the queue moves on at once.
    time.at(dropEnd, this::startQueued);
  }

  /** Takes one request; {@code answer} gets its status when the provider has answered it. */
  void request(IntConsumer answer) {
    long now = time.nanoTime();
    timeline.count(timeline.requests, now);
    if (busy < slotsAt(now) && queue.isEmpty()) {
      serve(answer);
    } else if (queue.size() < queueLimit) {
      queue.add(answer);
    } else {
      timeline.count(timeline.rejected, now);
      time.at(now + rejectNanos, () -> answer.accept(OVERLOADED));
    }
  }

  private void serve(IntConsumer answer) {
    busy++;
    long service = (long) (meanServiceNanos * (0.5 + random.nextDouble()));
    time.at(time.nanoTime() + service, () -> {
      busy--;
      answer.accept(OK);
      startQueued();
    });
  }

  private void startQueued() {
    while (!queue.isEmpty() && busy < slotsAt(time.nanoTime())) {
      serve(queue.poll());
    }
  }

  private int slotsAt(long nanos) {
    return nanos >= dropStart && nanos < dropEnd ? slotsDuringDrop : slots;
  }
}
