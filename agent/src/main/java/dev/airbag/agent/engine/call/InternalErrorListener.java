package dev.airbag.agent.engine.call;

/**
 * Hears a failure inside Airbag's own decisions during a call (a classifier, listener or policy that threw). The
 * call then ends as it would have without Airbag. Implementations must be thread-safe and must not throw.
 */
public interface InternalErrorListener {
  InternalErrorListener NONE = (where, error) -> {};

  void onInternalError(String where, Throwable error);
}
