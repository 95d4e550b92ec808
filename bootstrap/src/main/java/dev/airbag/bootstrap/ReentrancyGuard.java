package dev.airbag.bootstrap;

/**
 * Marks the threads on which Airbag itself is doing work (exporting, classifying with an AI model) so that
 * the hooks let its own calls pass untouched and never recurse. Thread-confined state only.
 */
public final class ReentrancyGuard {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private ReentrancyGuard() {}

  public static boolean isActive() {
    return DEPTH.get()[0] > 0;
  }

  /** Enters Airbag's own work; pair every call with {@link #exit()} in a finally block. */
  public static void enter() {
    DEPTH.get()[0]++;
  }

  public static void exit() {
    int[] depth = DEPTH.get();
    if (depth[0] > 0) {
      depth[0]--;
    }
  }
}
