package dev.airbag.agent.engine.call;

import java.util.List;

/**
 * Tells a client's or framework's own retry of a call from the app's new call. The OpenAI and Anthropic SDKs (and
 * every Stainless SDK) number their attempts in {@code X-Stainless-Retry-Count}, the AWS SDK in {@code
 * amz-sdk-request}, an adapter may count a client's own
 * re-sends ({@link CallRequest#clientRetry()}); LangChain4j, Spring Retry,
 * resilience4j, Failsafe and google-genai's OkHttp {@code RetryInterceptor} re-send from a retry loop that is on the
 * calling thread's stack. Stateless.
 */
public final class Resends {
  static final String SDK_RETRY_COUNT = "X-Stainless-Retry-Count";
  /** The AWS SDK's {@code attempt=1; max=3}, on every request it sends. */
  static final String AWS_SDK_REQUEST = "amz-sdk-request";
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
   * The client's or SDK's own retry number of this request (0 for its first attempt), or -1 when none says: the
   * larger of what the SDK's header and the adapter's count of the client's re-sends say.
   */
  static int sdkRetryCount(CallRequest request) {
    return Math.max(request.clientRetry(), headerRetryCount(request.headers()));
  }

  private static int headerRetryCount(RequestHeaders headers) {
    String stainless = headers.first(SDK_RETRY_COUNT);
    if (stainless != null) {
      return number(stainless.trim());
    }
    String aws = headers.first(AWS_SDK_REQUEST);
    if (aws == null) {
      return -1;
    }
    int attempt = aws.indexOf("attempt=");
    if (attempt < 0) {
      return -1;
    }
    int end = attempt + "attempt=".length();
    int stop = end;
    while (stop < aws.length() && Character.isDigit(aws.charAt(stop))) {
      stop++;
    }
    int number = number(aws.substring(end, stop));
    return number < 1 ? -1 : number - 1;
  }

  private static int number(String digits) {
    try {
      return Math.max(0, Integer.parseInt(digits));
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  /**
   * Whether the request comes from an SDK that retries on its own and reads no {@code X-Should-Retry}: the AWS SDK
   * numbers every attempt in {@code amz-sdk-request} and retries what it deems retryable, signing each anew. Its
   * attempts are a retry loop's: one try each.
   */
  static boolean sdkRetriesOnItsOwn(CallRequest request) {
    return request.headers().first(AWS_SDK_REQUEST) != null;
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
