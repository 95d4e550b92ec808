package dev.airbag.agent.engine.breaker;

import dev.airbag.agent.log.AgentLog;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Tells the listener about one circuit's transitions outside its lock, in the order they happened: the
 * breaker queues each transition while it holds the lock and delivers after releasing it; one thread at a
 * time delivers, so a listener never sees two transitions of the same circuit at once or out of order.
 * Thread-safe.
 */
final class TransitionNotifier {
  private static final Logger log = AgentLog.logger(TransitionNotifier.class);

  private final CircuitKey key;
  private final TransitionListener listener;
  private final Queue<Transition> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean delivering = new AtomicBoolean();

  TransitionNotifier(CircuitKey key, TransitionListener listener) {
    this.key = key;
    this.listener = listener;
  }

  /** Called under the breaker's lock, so the queue's order is the order of the transitions. */
  void enqueue(Transition transition) {
    pending.add(transition);
  }

  /** Called after the breaker's lock is released. */
  void deliver() {
    // Re-checks after letting go: a transition queued while another thread was finishing must not wait forever.
    while (!pending.isEmpty() && delivering.compareAndSet(false, true)) {
      try {
        Transition transition;
        while ((transition = pending.poll()) != null) {
          notifyListener(transition);
        }
      } finally {
        delivering.set(false);
      }
    }
  }

  private void notifyListener(Transition transition) {
    try {
      listener.onTransition(key, transition.from(), transition.to(), transition.reason(), transition.learnt());
    } catch (RuntimeException e) {
      // A broken listener must not break the app's call nor stop later transitions from being told.
      log.warn("Airbag: circuit transition listener failed for {} {}", key, transition, e);
    }
  }
}
