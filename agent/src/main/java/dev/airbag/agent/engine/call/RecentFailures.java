package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.time.Clock;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The failures Airbag has just exhausted, so that a framework's immediate re-send of the identical request
 * (LangChain4j retries every failure twice and ignores {@code X-Should-Retry}; SDKs retry connection failures) is
 * answered from that outcome without another upstream request. Airbag's attempts then replace the framework's
 * instead of multiplying with them. An entry lives for {@code airbag.retry.replay-window} and answers a bounded
 * number of re-sends, so that an app retrying on its own still reaches the provider. Thread-safe.
 */
final class RecentFailures {
  private static final int MAX_ENTRIES = 1024;
  // A framework re-sends two or three times; past that, the app itself is asking again.
  private static final int MAX_REPLAYS = 3;

  /** What a re-send gets: a response to make up again, or the same transport failure. */
  static final class Outcome {
    final int status;
    final Map<String, String> headers;
    final byte[] body;
    final IOException failure;
    private final long expiresAtNanos;
    private int replays;

    Outcome(int status, Map<String, String> headers, byte[] body, IOException failure, long expiresAtNanos) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.failure = failure;
      this.expiresAtNanos = expiresAtNanos;
    }
  }

  private static final class Key {
    final String endpoint;
    final String method;
    final String path;
    final byte[] body;
    final int hash;

    Key(CallRequest request) {
      this.endpoint = request.endpoint().name();
      this.method = request.method();
      this.path = request.path();
      this.body = request.body();
      this.hash = 31 * (31 * endpoint.hashCode() + String.valueOf(path).hashCode()) + Arrays.hashCode(body);
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Key)) {
        return false;
      }
      Key key = (Key) other;
      return hash == key.hash && endpoint.equals(key.endpoint) && method.equals(key.method)
          && String.valueOf(path).equals(String.valueOf(key.path)) && Arrays.equals(body, key.body);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final long windowNanos;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  // Read without the lock: while no call has failed, a lookup costs one volatile read, not a hash of the body.
  private volatile boolean empty = true;
  private final Map<Key, Outcome> entries = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Outcome> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

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
    Outcome outcome = new Outcome(status, headers, body, failure, clock.nanoTime() + windowNanos);
    lock.lock();
    try {
      entries.put(new Key(request), outcome);
      empty = false;
    } finally {
      lock.unlock();
    }
  }

  /** The outcome to answer an identical re-send with, or null to send it upstream. */
  Outcome replayFor(CallRequest request) {
    if (empty || !applies(request)) {
      return null;
    }
    Key key = new Key(request);
    lock.lock();
    try {
      Outcome outcome = entries.get(key);
      if (outcome == null) {
        return null;
      }
      if (clock.nanoTime() - outcome.expiresAtNanos >= 0 || outcome.replays >= MAX_REPLAYS) {
        entries.remove(key);
        empty = entries.isEmpty();
        return null;
      }
      outcome.replays++;
      return outcome;
    } finally {
      lock.unlock();
    }
  }
}
