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
    } catch (Throwable failure) {
      // Fail open: the client is built exactly as the app asked.
      reportFailure(current, failure);
    }
  }

  /** Null means: make the client's own call. */
  public static Object okHttpNewCall(Object client, Object request) {
    Bridge current = bridge;
    if (current == null || ReentrancyGuard.isActive()) {
      return null;
    }
    try {
      return current.okHttpNewCall(client, request);
    } catch (Throwable failure) {
      reportFailure(current, failure);
      return null;
    }
  }

  /** Null means: run the app's original {@code send}. */
  public static HookResult jdkHttpSend(Object client, Object request, Object bodyHandler) {
    Bridge current = bridge;
    // Airbag's own attempts (and exporters) go through the original method.
    if (current == null || ReentrancyGuard.isActive()) {
      return null;
    }
    try {
      return current.jdkHttpSend(client, request, bodyHandler);
    } catch (Throwable failure) {
      reportFailure(current, failure);
      return null;
    }
  }

  /** Null means: run the app's original {@code sendAsync}. */
  public static java.util.concurrent.CompletableFuture<?> jdkHttpSendAsync(Object client, Object request,
      Object bodyHandler, Object pushPromiseHandler) {
    Bridge current = bridge;
    if (current == null || ReentrancyGuard.isActive()) {
      return null;
    }
    try {
      return current.jdkHttpSendAsync(client, request, bodyHandler, pushPromiseHandler);
    } catch (Throwable failure) {
      reportFailure(current, failure);
      return null;
    }
  }

  public static void uncaughtException(Thread thread, Throwable error) {
    Bridge current = bridge;
    if (current == null || ReentrancyGuard.isActive()) {
      return;
    }
    try {
      current.uncaughtException(thread, error);
    } catch (Throwable failure) {
      // The thread dies exactly as it would have.
      reportFailure(current, failure);
    }
  }

  public static void servletFailed(Object request, Throwable error) {
    Bridge current = bridge;
    if (current == null || error == null || ReentrancyGuard.isActive()) {
      return;
    }
    try {
      current.servletFailed(request, error);
    } catch (Throwable failure) {
      // The container answers the failure exactly as it would have.
      reportFailure(current, failure);
    }
  }

  public static void futureFailed(Object future, Throwable error) {
    Bridge current = bridge;
    if (current == null || ReentrancyGuard.isActive()) {
      return;
    }
    try {
      current.futureFailed(future, error);
    } catch (Throwable failure) {
      // The future holds its failure exactly as it would have.
      reportFailure(current, failure);
    }
  }

  public static void futureRead(Object future) {
    Bridge current = bridge;
    if (current == null) {
      return;
    }
    try {
      current.futureRead(future);
    } catch (Throwable failure) {
      // Reading the future goes on as it would have.
      reportFailure(current, failure);
    }
  }

  private static void reportFailure(Bridge current, Throwable failure) {
    try {
      current.hookFailed(hookName(), failure);
    } catch (Throwable ignored) {
      // Reporting must not fail the app either.
    }
  }

  /** The hook that failed, from the caller's frame: no state is kept for it. */
  private static String hookName() {
    StackTraceElement[] stack = new Throwable().getStackTrace();
    return stack.length > 2 ? stack[2].getMethodName() : "a hook";
  }
}
