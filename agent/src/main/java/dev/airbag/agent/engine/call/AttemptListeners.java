package dev.airbag.agent.engine.call;

import dev.airbag.agent.engine.classify.Classification;
import java.util.List;

/** Several attempt listeners heard as one; one that throws never keeps the others from hearing. Thread-safe. */
public final class AttemptListeners implements AttemptListener {
  private final List<AttemptListener> listeners;

  private AttemptListeners(List<AttemptListener> listeners) {
    this.listeners = listeners;
  }

  public static AttemptListener of(AttemptListener... listeners) {
    return new AttemptListeners(List.of(listeners));
  }

  @Override
  public void onAttempt(CallRequest request, String model, Classification failure) {
    for (AttemptListener listener : listeners) {
      try {
        listener.onAttempt(request, model, failure);
      } catch (RuntimeException ignored) {
        // A listener's bug must not reach the app's call, nor silence the other listeners.
      }
    }
  }

  @Override
  public void onRetry(CallRequest request, String model) {
    for (AttemptListener listener : listeners) {
      try {
        listener.onRetry(request, model);
      } catch (RuntimeException ignored) {
        // As above.
      }
    }
  }

  @Override
  public void onFallback(CallRequest request, String fromModel, String toModel) {
    for (AttemptListener listener : listeners) {
      try {
        listener.onFallback(request, fromModel, toModel);
      } catch (RuntimeException ignored) {
        // As above.
      }
    }
  }
}
