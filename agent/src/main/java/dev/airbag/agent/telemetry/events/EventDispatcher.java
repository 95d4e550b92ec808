package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.log.AgentLog;
import dev.airbag.agent.support.ThrottledLog;
import dev.airbag.agent.support.DaemonThreads;
import dev.airbag.agent.engine.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes events from app threads and delivers them to the sinks on one daemon thread, {@code airbag-events}, so
 * that the app only ever enqueues: {@link #offer} takes a short lock to store a reference in a preallocated
 * ring, never allocates, blocks on I/O or throws; when the queue is full the event is dropped and counted (and the
 * first overflow is said once).
 * Delivery is batched (up to 512 events per sink call). Thread-safe.
 *
 * <p>Counters: every accepted event ends as {@link #delivered()} (every sink wrote it), {@link #failed()} (some
 * sink threw) or {@link #dropped()} (discarded at close); rejected offers count as dropped too.
 */
public final class EventDispatcher implements AutoCloseable {
  static final String THREAD_PURPOSE = "events";

  private final BoundedEventQueue queue;
  private final Progress progress = new Progress();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean overflowReported = new AtomicBoolean();
  private final ExportLoop loop;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private Thread thread;
  private boolean closed;

  public EventDispatcher(List<EventSink> sinks, int queueCapacity, Clock clock) {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1, was " + queueCapacity);
    }
    ThrottledLog log = ThrottledLog.toAgentLog(clock);
    this.queue = new BoundedEventQueue(queueCapacity);
    this.loop = new ExportLoop(queue, List.copyOf(sinks), progress, log, dropped);
  }

  /** Starts the exporter thread; later calls, and calls after close, do nothing. */
  public void start() {
    lifecycle.lock();
    try {
      if (thread != null || closed) {
        return;
      }
      thread = DaemonThreads.single(THREAD_PURPOSE, loop);
      thread.start();
    } finally {
      lifecycle.unlock();
    }
  }

  /** Enqueues the event for delivery; false, and counted as dropped, when the queue is full or closed. */
  public boolean offer(Event event) {
    // A null has nothing to deliver; refusing it keeps the exporter free of null checks.
    if (event != null && queue.offer(event)) {
      return true;
    }
    dropped.incrementAndGet();
    if (event != null && queue.accepting() && overflowReported.compareAndSet(false, true)) {
      // Once per JVM: an exporter that cannot keep up would otherwise log on every call of the app.
      AgentLog.logger().warn("the event queue is full ({} events): the exporter is behind, and events"
          + " that do not fit are dropped and counted; the app's calls are not affected", queue.capacity());
    }
    return false;
  }

  /** Events rejected because the queue was full or closed, or discarded at close. */
  public long dropped() {
    return dropped.get();
  }

  /** Events that every sink wrote. */
  public long delivered() {
    return loop.delivered();
  }

  /** Events that at least one sink failed to write. */
  public long failed() {
    return loop.failed();
  }

  /** Sink calls that threw, one per sink per batch. */
  public long sinkFailures() {
    return loop.sinkFailures();
  }

  /** Events waiting in the queue. */
  public int queued() {
    return queue.size();
  }

  /**
   * Waits until every event accepted before this call has been handed to every sink (written or failed).
   * Returns false on timeout, or at once when the exporter is not running. Must not be called by a sink.
   */
  public boolean flush(Duration timeout) {
    long target = queue.accepted();
    if (!running()) {
      return progress.awaitAtLeast(target, 0);
    }
    return progress.awaitAtLeast(target, nanos(timeout));
  }

  /**
   * Stops accepting events, delivers what is queued within the timeout, then closes the sinks on the exporter
   * thread. Past the timeout the rest is dropped and counted; a sink stuck in a write is interrupted and the
   * sinks are closed when it returns. Idempotent.
   */
  public void close(Duration timeout) {
    Thread exporter;
    lifecycle.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      exporter = thread;
    } finally {
      lifecycle.unlock();
    }
    if (exporter == null) {
      loop.shutDown();
      return;
    }
    queue.close();
    try {
      TimeUnit.NANOSECONDS.timedJoin(exporter, nanos(timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (exporter.isAlive()) {
      loop.abandon();
      exporter.interrupt();
    }
  }

  /** Closes with a five-second drain. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private boolean running() {
    lifecycle.lock();
    try {
      return thread != null && thread.isAlive();
    } finally {
      lifecycle.unlock();
    }
  }

  private static long nanos(Duration timeout) {
    try {
      return Math.max(0, timeout.toNanos());
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
