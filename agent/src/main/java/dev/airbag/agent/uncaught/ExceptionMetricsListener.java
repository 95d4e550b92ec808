package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Severity;

/**
 * Told of every reported exception, rate-limited or not, so that a metrics binder counts them all. Called on
 * the app thread that reported it: implementations must be fast, thread-safe and must not throw.
 */
public interface ExceptionMetricsListener {
  /**
   * @param category the LLM category, or null when the exception has none
   * @param source where it was captured
   */
  void onException(Category category, Severity severity, CaptureSource source);

  ExceptionMetricsListener NONE = (category, severity, source) -> { };
}
