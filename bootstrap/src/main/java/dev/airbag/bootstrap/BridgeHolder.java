package dev.airbag.bootstrap;

/**
 * The single static slot through which advice reaches the agent. Advice calls {@link #enter} or {@link #observe}
 * in one line with its hook's id; both swallow every failure so that an Airbag bug can never reach the app.
 * Which hooks let Airbag's own work ({@link ReentrancyGuard}) pass is the agent's business, decided per hook.
 */
public final class BridgeHolder {
  private static volatile Bridge bridge;

  private BridgeHolder() {}

  public static void install(Bridge newBridge) {
    bridge = newBridge;
  }

  public static Bridge get() {
    return bridge;
  }

  /** Null means: run the original method. */
  public static Object enter(int hook, Object self, Object a, Object b, Object c) {
    Bridge current = bridge;
    // Null before premain finishes and when Airbag is disabled: the app runs as without the agent.
    if (current == null) {
      return null;
    }
    try {
      return current.enter(hook, self, a, b, c);
    } catch (Throwable failure) {
      // Fail open: the original method runs exactly as the app asked.
      reportFailure(current, hook, failure);
      return null;
    }
  }

  public static void observe(int hook, Object a, Object b) {
    Bridge current = bridge;
    if (current == null) {
      return;
    }
    try {
      current.observe(hook, a, b);
    } catch (Throwable failure) {
      // The hooked code goes on exactly as it would have.
      reportFailure(current, hook, failure);
    }
  }

  private static void reportFailure(Bridge current, int hook, Throwable failure) {
    try {
      current.hookFailed(hook, failure);
    } catch (Throwable ignored) {
      // Reporting must not fail the app either.
    }
  }
}
