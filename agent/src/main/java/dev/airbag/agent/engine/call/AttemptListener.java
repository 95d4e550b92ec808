package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.Classification;

/**
 * Hears what happens inside one logical LLM call, attempt by attempt, so that metrics count what reaches the
 * provider and not only what the app saw. The pipeline calls it on the app's thread: implementations must be
 * thread-safe, fast, and must not throw.
 */
public interface AttemptListener {
  /**
   * One HTTP attempt ended.
   *
   * @param model the model this attempt asked for (after any fallback rewrite), or null when unknown
   * @param failure the attempt's classified failure, or null when it succeeded
   */
  void onAttempt(CallRequest request, String model, Classification failure);

  /** The pipeline is about to send another attempt to the same model. */
  void onRetry(CallRequest request, String model);

  /** The pipeline is switching the call from one model to the next of its fallback chain. */
  void onFallback(CallRequest request, String fromModel, String toModel);

  /** A listener that does nothing. */
  AttemptListener NONE = new AttemptListener() {
    @Override
    public void onAttempt(CallRequest request, String model, Classification failure) {
    }

    @Override
    public void onRetry(CallRequest request, String model) {
    }

    @Override
    public void onFallback(CallRequest request, String fromModel, String toModel) {
    }
  };
}
