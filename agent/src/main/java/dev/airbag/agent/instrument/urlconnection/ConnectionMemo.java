package dev.airbag.agent.instrument.urlconnection;

import java.lang.ref.WeakReference;

/**
 * What this thread last learned of a connection: its watched state, or that it goes to no LLM endpoint. An app makes
 * the dozen hooked calls of one request on one thread, and each would otherwise take the shared map's lock and hash
 * the connection, and a connection to any other URL would be matched against the endpoints again at every header it
 * sets: those lookups were the hook's largest own cost on the happy path. Holds the connection weakly, as the map
 * does, and the state weakly too: the map holds a state strongly while its connection lives, and a thread that goes
 * idle must not keep a finished call's state (its answer) alive. The map stays the truth: a state is memoized only as
 * the map holds it, and one the map drops is released first, which its readers treat as the map's miss. One per hook;
 * thread-safe (each thread has its own entry).
 */
final class ConnectionMemo {
  /** The answer for a connection whose URL is no LLM endpoint's. */
  static final Object NOT_LLM = new Object();

  private final ThreadLocal<Entry> last = new ThreadLocal<>();

  /** The state or {@link #NOT_LLM} this thread last noted for {@code connection}; null when it noted nothing. */
  Object get(Object connection) {
    Entry entry = last.get();
    return entry != null && entry.connection.get() == connection ? entry.known.get() : null;
  }

  void put(Object connection, Object known) {
    Entry entry = last.get();
    if (entry != null && entry.connection.get() == connection) {
      entry.known = new WeakReference<>(known);
    } else {
      last.set(new Entry(connection, known));
    }
  }

  private static final class Entry {
    final WeakReference<Object> connection;
    WeakReference<Object> known;

    Entry(Object connection, Object known) {
      this.connection = new WeakReference<>(connection);
      this.known = new WeakReference<>(known);
    }
  }
}
