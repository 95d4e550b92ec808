package dev.airbag.agent.engine.call;

import java.util.function.BiConsumer;

/**
 * The request headers of a call, read through the adapter's own header type only when the engine needs them (on a
 * failure, for the replay key, a re-send marker or a credential to mask), so that a healthy call pays nothing.
 * Implementations must be safe to read from any thread once the call has started.
 */
public interface RequestHeaders {
  /** No headers at all. */
  RequestHeaders NONE = new RequestHeaders() {
    @Override
    public String first(String name) {
      return null;
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {}
  };

  /** The first value of {@code name} (case-insensitive), or null. */
  String first(String name);

  /** Every name and value, in the request's order; a name with several values is given once per value. */
  void forEach(BiConsumer<String, String> action);
}
