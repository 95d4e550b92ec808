package dev.airbag.agent.engine.call;

import java.util.List;

/**
 * Tells a client's or framework's own retry of a call from the app's new call. The OpenAI and Anthropic SDKs (and
 * every Stainless SDK) number their attempts in {@code X-Stainless-Retry-Count}, an adapter may count a client's own
 * re-sends ({@link CallRequest#clientRetry()}); LangChain4j, Spring Retry,
 * resilience4j, Failsafe and google-genai's OkHttp {@code RetryInterceptor} re-send from a retry loop that is on the
 * calling thread's stack. Stateless.
 */
public final class Resends {
  static final String SDK_RETRY_COUNT = "X-Stainless-Retry-Count";
  /** Classes whose frames on the stack mean "this request is sent by a retry loop", as prefixes. */
  private static final List<String> RETRY_LOOPS = List.of(
      "dev.langchain4j.internal.RetryUtils",
      "org.springframework.retry.support.RetryTemplate",
      "io.github.resilience4j.retry.",
      "dev.failsafe.RetryPolicyExecutor",
      "net.jodah.failsafe.RetryPolicyExecutor",
      // 5 attempts, 1 s doubling to 60 s apart, jitter of +-100% (HttpRetryOptions' defaults, google-genai 2.x).
      "com.google.genai.RetryInterceptor");
  private static final int MAX_FRAMES = 256;

  private Resends() {}

  /**
   * The client's or SDK's own retry number of this request (0 for its first attempt), or -1 when neither says: the
   * adapter's count where it has one, else the Stainless header.
   */
  static int sdkRetryCount(CallRequest request) {
    if (request.clientRetry() >= 0) {
      return request.clientRetry();
    }
    String value = request.headers().first(SDK_RETRY_COUNT);
    if (value == null) {
      return -1;
    }
    try {
      return Math.max(0, Integer.parseInt(value.trim()));
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  /**
   * Whether this request is a re-send of a call that the thread {@code rememberedBy} made: a Stainless SDK says so
   * itself (from any thread, as its async retries run elsewhere); otherwise it must come from the same thread with a
   * known retry loop on its stack. Walks the stack, so it is asked only when a remembered call matches.
   */
  static boolean isResend(CallRequest request, long rememberedBy) {
    int sdkRetry = sdkRetryCount(request);
    if (sdkRetry >= 0) {
      return sdkRetry > 0;
    }
    return Thread.currentThread().getId() == rememberedBy && retryLoopOnStack();
  }

  /** Whether a known retry loop (LangChain4j's, Spring Retry's, ...) is on this thread's stack. Walks the stack. */
  static boolean retryLoopOnStack() {
    return StackWalker.getInstance().walk(frames -> frames.limit(MAX_FRAMES)
        .anyMatch(frame -> isRetryLoop(frame.getClassName())));
  }

  /**
   * Whether a class (a stack frame's, or an OkHttp interceptor's, whose place in the chain follows from it) is a
   * known retry loop.
   */
  public static boolean isRetryLoop(String className) {
    for (String loop : RETRY_LOOPS) {
      if (className.startsWith(loop)) {
        return true;
      }
    }
    return false;
  }
}
