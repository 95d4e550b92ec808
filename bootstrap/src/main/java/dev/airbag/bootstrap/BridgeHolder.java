package dev.airbag.bootstrap;

/**
 * The single static slot through which advice reaches the agent. Advice calls the static methods here in one
 * line; they swallow every failure so that an Airbag bug can never reach the app.
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

  public static void okHttpClientBuilding(Object okHttpClientBuilder) {
    Bridge current = bridge;
    // Null before premain finishes and when Airbag is disabled: the client is built as without the agent.
    if (current == null || ReentrancyGuard.isActive()) {
      return;
    }
    try {
      current.okHttpClientBuilding(okHttpClientBuilder);
    } catch (Throwable ignored) {
      // Fail open: the client is built exactly as the app asked.
    }
  }
}
