package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.time.Clock;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The failures Airbag has just exhausted, so that a framework's immediate re-send of the identical request
 * (LangChain4j retries every failure twice and ignores {@code X-Should-Retry}; SDKs retry connection failures) is
 * answered from that outcome without another upstream request. Airbag's attempts then replace the framework's
 * instead of multiplying with them. An entry lives for {@code airbag.retry.replay-window} and answers a bounded
 * number of re-sends, so that an app retrying on its own still reaches the provider.
 *
 * <p>Bounded in entries ({@value #MAX_ENTRIES}) and in bytes ({@link #MAX_RETAINED_BYTES}, counting bodies, headers
 * and exceptions); a request body is remembered by its digest only. Expired entries are dropped on every remember
 * and lookup, oldest first, so a burst of failures does not stay in memory once its window has passed.
 * Thread-safe.
 */
final class RecentFailures {
  private static final int MAX_ENTRIES = 1024;
  /**
   * Bytes all remembered outcomes may hold together: a thousand typical error answers (a few hundred bytes each),
   * or 64 of the largest ones ({@code airbag.classify.max-body-bytes}, 64 KiB). Past it the oldest go first.
   */
  static final long MAX_RETAINED_BYTES = 4L * 1024 * 1024;
  // A framework re-sends two or three times; past that, the app itself is asking again.
  private static final int MAX_REPLAYS = 3;
  // Measured: key, outcome, map node and the small header map, bodies and strings aside (about 450 bytes).
  private static final long ENTRY_BYTES = 512;
  // An exception keeps its stack trace (a few hundred frames at most) and its cause chain.
  private static final long FAILURE_BYTES = 8 * 1024;

  /** What a re-send gets: a response to make up again, or the same transport failure. */
  static final class Outcome {
    final int status;
    final Map<String, String> headers;
    final byte[] body;
    final IOException failure;
    private final long expiresAtNanos;
    private long retainedBytes;
    private int replays;

    Outcome(int status, Map<String, String> headers, byte[] body, IOException failure, long expiresAtNanos) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.failure = failure;
      this.expiresAtNanos = expiresAtNanos;
    }

    /** An estimate on the high side of what this outcome keeps alive, its key included. */
    private long retainedBytes(ReplayKey key) {
      long bytes = ENTRY_BYTES + key.retainedBytes() + (body == null ? 0 : body.length);
      if (headers != null) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
          bytes += 2L * (header.getKey().length() + String.valueOf(header.getValue()).length());
        }
      }
      if (failure != null) {
        bytes += FAILURE_BYTES + 2L * String.valueOf(failure.getMessage()).length();
      }
      return bytes;
    }
  }

  private final long windowNanos;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  // Read without the lock: while no call has failed, a lookup costs one volatile read, not a hash of the body.
  private volatile boolean empty = true;
  // Insertion order is expiry order (one window for all), so purging expired entries looks only at the eldest.
  private final LinkedHashMap<ReplayKey, Outcome> entries = new LinkedHashMap<>();
  private long retainedBytes;

  RecentFailures(long windowNanos, Clock clock) {
    this.windowNanos = windowNanos;
    this.clock = clock;
  }

  boolean enabled() {
    return windowNanos > 0;
  }

  /** Only requests whose body Airbag read can be recognised as identical. */
  private boolean applies(CallRequest request) {
    return windowNanos > 0 && request.body() != null;
  }

  void remember(CallRequest request, int status, Map<String, String> headers, byte[] body, IOException failure) {
    if (!applies(request)) {
      return;
    }
    // The digest is taken here, outside the lock.
    ReplayKey key = ReplayKey.of(request).remembered();
    long now = clock.nanoTime();
    Outcome outcome = new Outcome(status, headers, body, failure, now + windowNanos);
    outcome.retainedBytes = outcome.retainedBytes(key);
    // An outcome that alone would fill the budget is not worth evicting everything else for.
    if (outcome.retainedBytes > MAX_RETAINED_BYTES / 4) {
      return;
    }
    lock.lock();
    try {
      purgeExpired(now);
      // Removed first so that the newer outcome moves to the young end of the expiry order.
      forget(key);
      entries.put(key, outcome);
      retainedBytes += outcome.retainedBytes;
      Iterator<Map.Entry<ReplayKey, Outcome>> eldestFirst = entries.entrySet().iterator();
      while (entries.size() > MAX_ENTRIES || retainedBytes > MAX_RETAINED_BYTES) {
        retainedBytes -= eldestFirst.next().getValue().retainedBytes;
        eldestFirst.remove();
      }
      empty = entries.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** The outcome to answer an identical re-send with, or null to send it upstream. */
  Outcome replayFor(CallRequest request) {
    if (empty || !applies(request)) {
      return null;
    }
    ReplayKey key = ReplayKey.of(request);
    lock.lock();
    try {
      long now = clock.nanoTime();
      purgeExpired(now);
      Outcome outcome = entries.get(key);
      if (outcome == null) {
        return null;
      }
      // The purge trusts the expiry order; this check does not, should the clock ever step back.
      if (now - outcome.expiresAtNanos >= 0 || outcome.replays >= MAX_REPLAYS) {
        forget(key);
        return null;
      }
      outcome.replays++;
      return outcome;
    } finally {
      empty = entries.isEmpty();
      lock.unlock();
    }
  }

  /** Outcomes held now (expired ones included until the next remember or lookup drops them). */
  int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  /** The estimated bytes the held outcomes keep alive; never above {@link #MAX_RETAINED_BYTES}. */
  long retainedBytes() {
    lock.lock();
    try {
      return retainedBytes;
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: drops the expired outcomes, which are all at the eldest end. */
  private void purgeExpired(long now) {
    Iterator<Outcome> eldestFirst = entries.values().iterator();
    while (eldestFirst.hasNext()) {
      Outcome outcome = eldestFirst.next();
      if (now - outcome.expiresAtNanos < 0) {
        return;
      }
      retainedBytes -= outcome.retainedBytes;
      eldestFirst.remove();
    }
  }

  /** Under the lock. */
  private void forget(ReplayKey key) {
    Outcome gone = entries.remove(key);
    if (gone != null) {
      retainedBytes -= gone.retainedBytes;
    }
  }
}
