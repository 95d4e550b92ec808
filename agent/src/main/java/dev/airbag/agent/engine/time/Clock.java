package dev.airbag.agent.engine.time;

/**
 * The engine's only source of time, injected so that tests advance a fake clock instead of sleeping.
 * Implementations must be thread-safe.
 */
public interface Clock {
  /** Monotonic nanoseconds for measuring durations; unrelated to wall time. */
  long nanoTime();

  /** Wall-clock milliseconds since the epoch, for timestamps and HTTP dates. */
  long currentTimeMillis();

  /** The real clock. */
  Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
      return System.currentTimeMillis();
    }
  };
}
