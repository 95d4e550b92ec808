package dev.airbag.bench.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The peer row: the same openai-java call wrapped by hand in resilience4j Retry and CircuitBreaker, set up as
 * Airbag's defaults are (4 attempts, 500 ms exponential backoff with jitter, a 20-call window opening at 50%),
 * with the SDK's own retries off so that the two do not multiply. No agent.
 */
final class Resilience4jWorkload implements Workload {
  private final OpenAIClient client;
  private final Supplier<ChatCompletion> decorated;

  Resilience4jWorkload(String llmBaseUrl) {
    client = OpenAIOkHttpClient.builder().baseUrl(llmBaseUrl + "/v1").apiKey("sk-bench-not-a-real-key")
        .maxRetries(0).build();
    Retry retry = Retry.of("llm", RetryConfig.custom()
        .maxAttempts(4)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(500), 2.0, 0.5))
        .retryOnException(e -> e instanceof InternalServerException || e instanceof RateLimitException
            || e instanceof OpenAIIoException || e instanceof OpenAIRetryableException)
        .build());
    CircuitBreaker breaker = CircuitBreaker.of("llm", CircuitBreakerConfig.custom()
        .slidingWindowSize(20)
        .minimumNumberOfCalls(10)
        .failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofSeconds(30))
        .permittedNumberOfCallsInHalfOpenState(3)
        .build());
    decorated = Retry.decorateSupplier(retry,
        CircuitBreaker.decorateSupplier(breaker, () -> client.chat().completions().create(OpenAiWorkload.PARAMS)));
  }

  @Override
  public void call() {
    OpenAiWorkload.check(decorated.get());
  }

  @Override
  public void close() {
    client.close();
  }
}
