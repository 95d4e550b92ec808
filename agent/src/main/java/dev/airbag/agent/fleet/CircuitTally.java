package dev.airbag.agent.fleet;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One circuit's attempt counts since the last sync, kept on the app's threads and taken by the sync thread. A
 * {@link ReentrantLock} (not {@code synchronized}, which would pin virtual threads) around a few additions.
 * Thread-safe.
 */
final class CircuitTally {
  private final ReentrantLock lock = new ReentrantLock();
  private int attempts;
  private int unhealthy;
  private int trailing;
  private boolean succeeded;
  private long runStartMillis;

  /** One attempt ended: healthy (a success) or unhealthy (a failure that counts against the circuit). */
  void count(boolean healthy, long nowMillis) {
    lock.lock();
    try {
      attempts++;
      if (healthy) {
        succeeded = true;
        trailing = 0;
      } else {
        unhealthy++;
        if (trailing++ == 0) {
          runStartMillis = nowMillis;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** The counts since the last take, as a report of {@code circuit}, and starts afresh. */
  CircuitReport take(String circuit, java.util.List<String> credentials) {
    lock.lock();
    try {
      CircuitReport report = new CircuitReport(circuit, attempts, unhealthy, trailing, succeeded, runStartMillis,
          credentials);
      attempts = 0;
      unhealthy = 0;
      trailing = 0;
      succeeded = false;
      return report;
    } finally {
      lock.unlock();
    }
  }

  /** Drops the counts: while the fleet is down they would be stale by the time it is back. */
  void discard() {
    take("", java.util.List.of());
  }
}
