package dev.airbag.agent.engine.call;

/**
 * Hears how each logical LLM call ended. Implementations (the event writer, the metrics binder) must be
 * thread-safe, fast and must not throw: they run on the app's thread.
 */
public interface CallListener {
  void onCallFinished(CallRecord record);
}
