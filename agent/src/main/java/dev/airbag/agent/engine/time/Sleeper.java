package dev.airbag.agent.engine.time;

/** Waits between attempts; injected so that tests never sleep on the wall clock. Thread-safe. */
public interface Sleeper {
  void sleep(long nanos) throws InterruptedException;

  /** The real sleeper. */
  Sleeper SYSTEM = nanos -> {
    if (nanos > 0) {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
    }
  };
}
