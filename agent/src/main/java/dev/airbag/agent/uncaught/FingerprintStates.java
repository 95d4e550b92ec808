package dev.airbag.agent.uncaught;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-fingerprint rate limiting: at most {@code maxPerWindow} events per fingerprint per window (a fixed
 * window that starts at the first event in it); the other occurrences are counted and the count rides on the
 * fingerprint's next event. At most {@code capacity} fingerprints are remembered, least recently seen evicted
 * first (an evicted fingerprint loses its pending count and counts as first seen again).
 *
 * <p>Thread-safe: one {@link ReentrantLock} (not {@code synchronized}, which would pin virtual threads) around
 * a few field updates per occurrence.
 */
final class FingerprintStates {
  private final int maxPerWindow;
  private final long windowNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, State> states;

  FingerprintStates(int capacity, int maxPerWindow, long windowNanos) {
    if (capacity < 1 || maxPerWindow < 1 || windowNanos <= 0) {
      throw new IllegalArgumentException("capacity, maxPerWindow and windowNanos must be positive");
    }
    this.maxPerWindow = maxPerWindow;
    this.windowNanos = windowNanos;
    this.states = new LinkedHashMap<String, State>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
        return size() > capacity;
      }
    };
  }

  Admission admit(String fingerprint, long nowNanos) {
    lock.lock();
    try {
      State state = states.get(fingerprint);
      boolean first = state == null;
      if (first) {
        state = new State(nowNanos);
        states.put(fingerprint, state);
      } else if (nowNanos - state.windowStart >= windowNanos) {
        state.windowStart = nowNanos;
        state.emitted = 0;
      }
      if (state.emitted >= maxPerWindow) {
        state.suppressed++;
        return new Admission(false, 0, false, state.verdict);
      }
      state.emitted++;
      long suppressed = state.suppressed;
      state.suppressed = 0;
      return new Admission(true, suppressed, first, state.verdict);
    } finally {
      lock.unlock();
    }
  }

  /** Remembers the verdict of the fingerprint's latest event, for counting its suppressed occurrences. */
  void remember(String fingerprint, Verdict verdict) {
    lock.lock();
    try {
      State state = states.get(fingerprint);
      if (state != null) {
        state.verdict = verdict;
      }
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return states.size();
    } finally {
      lock.unlock();
    }
  }

  /** Guarded by the lock. */
  private static final class State {
    long windowStart;
    int emitted;
    long suppressed;
    Verdict verdict;

    State(long windowStart) {
      this.windowStart = windowStart;
    }
  }
}
