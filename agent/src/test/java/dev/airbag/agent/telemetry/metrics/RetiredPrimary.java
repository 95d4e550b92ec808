package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.testing.TestPipelines;
import dev.airbag.agent.engine.call.CallListener;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.engine.retry.Jitter;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.engine.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A provider whose model {@value #MODEL} is retired: it answers 404 to the app's own body and 200 to any body
 * Airbag rewrote for the fallback {@value #FALLBACK}. With {@link #pipeline} every call is served by the fallback.
 */
final class RetiredPrimary {
  private RetiredPrimary() {}

  static final String MODEL = "claude-opus";
  static final String FALLBACK = "claude-sonnet";

  /** A pipeline that falls back from {@value #MODEL} on a 404; 3 attempts, since fallbacks count as attempts. */
  static CallPipeline pipeline(Clock clock, CallListener listener) {
    return builder(clock, listener).build();
  }

  /** That pipeline's builder, for a test that also listens to its attempts. */
  static CallPipeline.Builder builder(Clock clock, CallListener listener) {
    return TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), listener, clock)
        .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Jitter.NONE, Duration.ZERO,
            Duration.ofSeconds(5)))
        .fallback(new FallbackPolicy(Map.of(MODEL, List.of(FALLBACK)), Map.of(), EnumSet.of(Category.NOT_FOUND)));
  }

  /** The app's call to {@value #MODEL}, as the Anthropic SDK sends it. */
  static CallRequest call() {
    byte[] body = ("{\"model\":\"" + MODEL + "\",\"max_tokens\":10,\"messages\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    return CallRequest.of(Calls.ANTHROPIC, "POST", "https://api.anthropic.com:443/v1/messages", "/v1/messages", body,
        true, false, null);
  }

  /** The provider's answers: 404 to the app's own body or one naming the retired model, 200 to the fallback's. */
  static StatusExchange exchange() {
    return new StatusExchange(attempt -> {
      byte[] body = attempt.body();
      return body == null || new String(body, StandardCharsets.UTF_8).contains(MODEL) ? 404 : 200;
    });
  }
}
