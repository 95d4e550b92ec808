package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.time.Clock;

/** Lends Micrometer the agent's injected clock, so step boundaries and tests follow the same time. Thread-safe. */
final class MicrometerClock implements io.micrometer.core.instrument.Clock {
  private final Clock clock;

  MicrometerClock(Clock clock) {
    this.clock = clock;
  }

  @Override
  public long wallTime() {
    return clock.currentTimeMillis();
  }

  @Override
  public long monotonicTime() {
    return clock.nanoTime();
  }
}
