package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.time.Clock;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The calls Airbag has just retried to exhaustion, so that a client's or framework's own re-send of the identical
 * request (LangChain4j retries every failure and ignores {@code X-Should-Retry}; the SDKs retry connection failures)
 * is answered from that outcome without another upstream request. Airbag's attempts then replace the framework's
 * instead of multiplying with them.
 *
 * <p>Never the app's own new call: only a request that {@link Resends#isResend says it is a re-send} is answered,
 * and the key holds the request's credentials and identity headers, so that one tenant never gets another's
 * answer. Only failures that a retry might have cured are kept (never auth, quota, context length, content policy,
 * bad request). An entry lives for {@code airbag.retry.replay-window} and answers at most {@value #MAX_REPLAYS}
 * re-sends.
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
  static final int MAX_REPLAYS = 3;
  // Measured: key, outcome, map node and the small header map, bodies and strings aside (about 450 bytes).
  private static final long ENTRY_BYTES = 512;
  // An exception keeps its stack trace (a few hundred frames at most) and its cause chain.
  private static final long FAILURE_BYTES = 8 * 1024;

  /** What a re-send gets: a response to make up again, or the same transport failure. */
  static final class Remembered {
    final int status;
    final Map<String, String> headers;
    final byte[] body;
    final IOException failure;
    /** What the remembered call failed with, for the event of each call answered from memory. */
    final Classification classification;
    private final long rememberedBy;
    private final long expiresAtNanos;
    private long retainedBytes;
    private int replays;

    Remembered(int status, Map<String, String> headers, byte[] body, IOException failure,
        Classification classification, long expiresAtNanos) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.failure = failure;
      this.classification = classification;
      this.rememberedBy = Thread.currentThread().getId();
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
  private final LinkedHashMap<ReplayKey, Remembered> entries = new LinkedHashMap<>();
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

  /** Whether a call that ended with this failure may answer re-sends: only what a retry might have cured. */
  static boolean worthRemembering(Classification failure) {
    return failure != null && (failure.retryable() || failure.category() == Category.CIRCUIT_OPEN);
  }

  void remember(CallRequest request, int status, Map<String, String> headers, byte[] body, IOException failure,
      Classification classification) {
    if (!applies(request) || !worthRemembering(classification)) {
      return;
    }
    // The digest is taken here, outside the lock.
    ReplayKey key = ReplayKey.of(request).remembered();
    long now = clock.nanoTime();
    Remembered outcome = new Remembered(status, headers, body, failure, classification, now + windowNanos);
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
      Iterator<Map.Entry<ReplayKey, Remembered>> eldestFirst = entries.entrySet().iterator();
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
  Remembered replayFor(CallRequest request) {
    if (empty || !applies(request)) {
      return null;
    }
    ReplayKey key = ReplayKey.of(request);
    Remembered outcome = matching(key);
    // Outside the lock: telling a re-send from the app's own call may walk the stack.
    if (outcome == null || !Resends.isResend(request, outcome.rememberedBy)) {
      return null;
    }
    lock.lock();
    try {
      // Another re-send may have used the last replay meanwhile.
      if (entries.get(key) != outcome || outcome.replays >= MAX_REPLAYS) {
        return null;
      }
      if (++outcome.replays >= MAX_REPLAYS) {
        forget(key);
      }
      return outcome;
    } finally {
      empty = entries.isEmpty();
      lock.unlock();
    }
  }

  private Remembered matching(ReplayKey key) {
    lock.lock();
    try {
      long now = clock.nanoTime();
      purgeExpired(now);
      Remembered outcome = entries.get(key);
      // The purge trusts the expiry order; this check does not, should the clock ever step back.
      if (outcome != null && now - outcome.expiresAtNanos >= 0) {
        forget(key);
        return null;
      }
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
    Iterator<Remembered> eldestFirst = entries.values().iterator();
    while (eldestFirst.hasNext()) {
      Remembered outcome = eldestFirst.next();
      if (now - outcome.expiresAtNanos < 0) {
        return;
      }
      retainedBytes -= outcome.retainedBytes;
      eldestFirst.remove();
    }
  }

  /** Under the lock. */
  private void forget(ReplayKey key) {
    Remembered gone = entries.remove(key);
    if (gone != null) {
      retainedBytes -= gone.retainedBytes;
    }
  }
}
