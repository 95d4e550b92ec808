package dev.airbag.bootstrap;

/** What a replaced method returns to the app: a value, or a throwable to throw. Immutable. */
public final class HookResult {
  private final Object value;
  private final Throwable failure;

  private HookResult(Object value, Throwable failure) {
    this.value = value;
    this.failure = failure;
  }

  public static HookResult value(Object value) {
    return new HookResult(value, null);
  }

  public static HookResult failure(Throwable failure) {
    return new HookResult(null, failure);
  }

  public Object value() {
    return value;
  }

  /** The throwable to throw, or null. */
  public Throwable failure() {
    return failure;
  }
}
