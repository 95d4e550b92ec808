package dev.airbag.demo;

import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The alternative to Airbag that a careful team writes by hand: every call wrapped in a resilience4j Retry
 * (4 attempts, exponential backoff with jitter, retryable errors only) around a CircuitBreaker per model (the
 * same window, threshold and open time as the demo's Airbag configuration). The SDKs' own retries are turned off
 * so that the two never multiply. It has no model fallback: that would be more code again. Thread-safe.
 */
final class ResilientSummariser implements Summariser {
  private final Summariser sdk;
  private final Retry retry;
  private final CircuitBreakerRegistry breakers;
  private final BiConsumer<String, String> circuitLog;

  /** Wraps {@code sdk} (built with {@code maxRetries(0)}); {@code circuitLog} hears (model, new state). */
  ResilientSummariser(Summariser sdk, BiConsumer<String, String> circuitLog) {
    this.sdk = sdk;
    this.circuitLog = circuitLog;
    this.retry = Retry.of("llm", RetryConfig.custom()
        .maxAttempts(4)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(500), 2.0, 0.5))
        .retryOnException(ResilientSummariser::isTransient)
        .build());
    this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .slidingWindowSize(20)
        .minimumNumberOfCalls(10)
        .failureRateThreshold(50)
        .waitDurationInOpenState(Duration.ofSeconds(2))
        .permittedNumberOfCallsInHalfOpenState(3)
        .recordException(ResilientSummariser::isTransient)
        .build());
  }

  @Override
  public Summary summarise(LoanPackage loan) {
    CircuitBreaker breaker = breakers.circuitBreaker(loan.model());
    Supplier<Summary> guarded = CircuitBreaker.decorateSupplier(breaker, () -> sdk.summarise(loan));
    return Retry.decorateSupplier(retry, guarded).get();
  }

  /** Overloaded, rate-limited, server and transport failures; never a request the provider rejected. */
  static boolean isTransient(Throwable error) {
    if (error instanceof AnthropicIoException || error instanceof OpenAIIoException) {
      return true;
    }
    int status = error instanceof AnthropicServiceException anthropic ? anthropic.statusCode()
        : error instanceof OpenAIServiceException openai ? openai.statusCode() : 0;
    return status == 408 || status == 429 || status >= 500;
  }

  /** Starts logging circuit transitions of {@code model}'s breaker (created now if needed). */
  ResilientSummariser watch(String model) {
    breakers.circuitBreaker(model).getEventPublisher().onStateTransition(event ->
        circuitLog.accept(model, event.getStateTransition().getToState().name().toLowerCase()));
    return this;
  }

  @Override
  public void close() {
    sdk.close();
  }
}
