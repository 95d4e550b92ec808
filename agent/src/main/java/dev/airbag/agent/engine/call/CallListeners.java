package dev.airbag.agent.engine.call;

import java.util.List;

/** Several listeners heard as one; one that throws never keeps the others from hearing. Thread-safe. */
public final class CallListeners implements CallListener {
  private final List<CallListener> listeners;

  private CallListeners(List<CallListener> listeners) {
    this.listeners = listeners;
  }

  public static CallListener of(CallListener... listeners) {
    return new CallListeners(List.of(listeners));
  }

  @Override
  public void onCallFinished(CallRecord record) {
    for (CallListener listener : listeners) {
      try {
        listener.onCallFinished(record);
      } catch (RuntimeException ignored) {
        // A listener's bug must not reach the app's call, nor silence the other listeners.
      }
    }
  }
}
