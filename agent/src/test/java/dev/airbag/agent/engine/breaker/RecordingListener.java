package dev.airbag.agent.engine.breaker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Remembers every transition it hears, in order. */
final class RecordingListener implements TransitionListener {
  /** One transition as heard. */
  record Heard(CircuitKey key, CircuitState from, CircuitState to, String reason) {
    @Override
    public String toString() {
      return key + ": " + from + " -> " + to + " (" + reason + ")";
    }
  }

  private final ConcurrentLinkedQueue<Heard> heard = new ConcurrentLinkedQueue<>();

  @Override
  public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason) {
    heard.add(new Heard(key, from, to, reason));
  }

  List<Heard> heard() {
    return new ArrayList<>(heard);
  }

  Heard last() {
    List<Heard> all = heard();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  int count() {
    return heard.size();
  }
}
