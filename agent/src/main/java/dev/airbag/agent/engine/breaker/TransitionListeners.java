package dev.airbag.agent.engine.breaker;

import java.util.List;

/** Several transition listeners heard as one; one that throws never silences the others. Thread-safe. */
public final class TransitionListeners implements TransitionListener {
  private final List<TransitionListener> listeners;

  private TransitionListeners(List<TransitionListener> listeners) {
    this.listeners = listeners;
  }

  public static TransitionListener of(TransitionListener... listeners) {
    return new TransitionListeners(List.of(listeners));
  }

  @Override
  public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason) {
    onTransition(key, from, to, reason, false);
  }

  @Override
  public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason, boolean learnt) {
    for (TransitionListener listener : listeners) {
      try {
        listener.onTransition(key, from, to, reason, learnt);
      } catch (RuntimeException ignored) {
        // One listener's bug must not keep the others from hearing.
      }
    }
  }
}
