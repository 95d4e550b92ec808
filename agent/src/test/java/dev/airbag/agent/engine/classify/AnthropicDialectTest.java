package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.classify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.airbag.agent.engine.endpoint.Provider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicDialectTest {

  static String error(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},"
        + "\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
  }

  static Stream<Arguments> anthropicBodies() {
    return Stream.of(
        Arguments.of(529, error("overloaded_error", "Overloaded"), Category.OVERLOADED, "overloaded_error"),
        Arguments.of(429, error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate "
            + "limit"), Category.RATE_LIMITED, "rate_limit_error"),
        Arguments.of(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Spend "
            + "limit reached\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}",
            Category.QUOTA_EXHAUSTED, "enforced_spend_limit_reached"),
        Arguments.of(429, error("rate_limit_error", "This request would exceed your organization's "
            + "enforced_spend_limit_reached."), Category.QUOTA_EXHAUSTED, "rate_limit_error"),
        Arguments.of(400, error("invalid_request_error", "Your credit balance is too low to access the Anthropic "
            + "API. Please go to Plans & Billing to upgrade or purchase credits."), Category.QUOTA_EXHAUSTED,
            "invalid_request_error"),
        Arguments.of(400, error("billing_error", "Billing issue"), Category.QUOTA_EXHAUSTED, "billing_error"),
        Arguments.of(400, error("invalid_request_error", "prompt is too long: 215000 tokens > 200000 maximum"),
            Category.CONTEXT_LENGTH, "invalid_request_error"),
        Arguments.of(413, error("request_too_large", "Request exceeds the maximum allowed number of bytes."),
            Category.CONTEXT_LENGTH, "request_too_large"),
        Arguments.of(400, error("invalid_request_error", "Output blocked by content filtering policy"),
            Category.CONTENT_POLICY, "invalid_request_error"),
        Arguments.of(400, error("invalid_request_error", "max_tokens: Field required"), Category.BAD_REQUEST,
            "invalid_request_error"),
        Arguments.of(401, error("authentication_error", "invalid x-api-key"), Category.AUTH,
            "authentication_error"),
        Arguments.of(403, error("permission_error", "Your API key does not have permission to use the specified "
            + "resource."), Category.AUTH, "permission_error"),
        Arguments.of(404, error("not_found_error", "model: claude-9"), Category.NOT_FOUND, "not_found_error"),
        Arguments.of(500, error("api_error", "Internal server error"), Category.TRANSIENT, "api_error"),
        Arguments.of(504, error("timeout_error", "Request timed out"), Category.TIMEOUT, "timeout_error"));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("anthropicBodies")
  void anthropicErrorBodiesMapToTheirCategory(int status, String body, Category expected, String expectedCode) {
    Classification verdict = classify(Provider.ANTHROPIC, status, body);

    assertEquals(expected, verdict.category(), verdict.toString());
    assertEquals(expectedCode, verdict.providerErrorCode());
  }

  @Test
  void aSpendLimitIsNotRetriedEvenThoughItArrivesAsARateLimit() {
    Classification verdict = classify(Provider.ANTHROPIC, 429, "{\"type\":\"error\",\"error\":{\"type\":"
        + "\"rate_limit_error\",\"message\":\"x\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}");

    assertFalse(verdict.retryable());
    assertEquals("anthropic code=enforced_spend_limit_reached", verdict.reason());
  }

  @Test
  void theProviderMessageBecomesTheDetail() {
    Classification verdict = classify(Provider.ANTHROPIC, 529, error("overloaded_error", "Overloaded"));

    assertEquals("Overloaded", verdict.detail());
  }
}
