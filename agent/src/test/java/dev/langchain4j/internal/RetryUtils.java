package dev.langchain4j.internal;

import java.util.function.Supplier;

/** A stand-in for LangChain4j's retry loop, so that a test can run code with its frame on the stack. */
public final class RetryUtils {
  private RetryUtils() {}

  public static <T> T withRetry(Supplier<T> action) {
    return action.get();
  }
}
