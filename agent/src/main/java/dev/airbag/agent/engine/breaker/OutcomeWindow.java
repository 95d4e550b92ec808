package dev.airbag.agent.engine.breaker;

/**
 * The last {@code size} attempt outcomes in a ring buffer, with running totals so that reading the failure
 * rate costs O(1) however large the window. Not thread-safe: the breaker's lock guards it.
 */
final class OutcomeWindow {
  private final HealthSample[] slots;
  private int next;
  private int recorded;
  private int unhealthy;
  private int slow;

  OutcomeWindow(int size) {
    this.slots = new HealthSample[size];
  }

  void add(HealthSample outcome) {
    if (recorded == slots.length) {
      count(slots[next], -1);
    } else {
      recorded++;
    }
    slots[next] = outcome;
    count(outcome, 1);
    next = (next + 1) % slots.length;
  }

  /** Outcomes in the window, at most its size. */
  int recorded() {
    return recorded;
  }

  /** Failures in the window, slow calls included. */
  int unhealthy() {
    return unhealthy;
  }

  /** Slow calls in the window; each is also one of {@link #unhealthy()}. */
  int slow() {
    return slow;
  }

  private void count(HealthSample outcome, int delta) {
    if (outcome.unhealthy()) {
      unhealthy += delta;
    }
    if (outcome == HealthSample.SLOW) {
      slow += delta;
    }
  }
}
