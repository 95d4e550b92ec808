package dev.airbag.agent.engine.breaker;

/** What one attempt said about the provider's health, as the window records it. */
enum HealthSample {
  SUCCESS(false),
  FAILURE(true),
  /** Answered, but no faster than the slow-call threshold: counts against the provider like a failure. */
  SLOW(true);

  private final boolean unhealthy;

  HealthSample(boolean unhealthy) {
    this.unhealthy = unhealthy;
  }

  boolean unhealthy() {
    return unhealthy;
  }
}
