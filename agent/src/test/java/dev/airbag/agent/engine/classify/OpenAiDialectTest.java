package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.classify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.endpoint.Provider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiDialectTest {

  static String error(String message, String type, String code) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":" + quoted(type) + ",\"param\":null,\"code\":"
        + quoted(code) + "}}";
  }

  private static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }

  static Stream<Arguments> openAiBodies() {
    return Stream.of(
        Arguments.of(429, error("You exceeded your current quota, please check your plan and billing details.",
            "insufficient_quota", "insufficient_quota"), Category.QUOTA_EXHAUSTED, "insufficient_quota"),
        Arguments.of(429, error("Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM).",
            "tokens", "rate_limit_exceeded"), Category.RATE_LIMITED, "rate_limit_exceeded"),
        Arguments.of(429, error("Rate limit reached on requests per min (RPM).", "requests", null),
            Category.RATE_LIMITED, "requests"),
        Arguments.of(400, error("Billing hard limit has been reached", "invalid_request_error",
            "billing_hard_limit_reached"), Category.QUOTA_EXHAUSTED, "billing_hard_limit_reached"),
        Arguments.of(429, error("Your account is not active, please check your billing details",
            "invalid_request_error", "billing_not_active"), Category.QUOTA_EXHAUSTED, "billing_not_active"),
        Arguments.of(400, error("This model's maximum context length is 128000 tokens.", "invalid_request_error",
            "context_length_exceeded"), Category.CONTEXT_LENGTH, "context_length_exceeded"),
        Arguments.of(400, error("Your request was rejected as a result of our safety system.",
            "invalid_request_error", "content_policy_violation"), Category.CONTENT_POLICY,
            "content_policy_violation"),
        Arguments.of(404, error("The model `gpt-9` does not exist or you do not have access to it.",
            "invalid_request_error", "model_not_found"), Category.NOT_FOUND, "model_not_found"),
        Arguments.of(401, error("Incorrect API key provided: sk-abc...wxyz.", "invalid_request_error",
            "invalid_api_key"), Category.AUTH, "invalid_api_key"),
        Arguments.of(403, error("You are not allowed to sample from this model", "invalid_request_error", null),
            Category.AUTH, "invalid_request_error"),
        Arguments.of(500, error("The server had an error while processing your request.", "server_error", null),
            Category.TRANSIENT, "server_error"),
        Arguments.of(503, error("The server is overloaded or not ready yet.", "server_error", null),
            Category.OVERLOADED, "server_error"),
        Arguments.of(503, error("Slow down", "server_is_overloaded", null), Category.OVERLOADED,
            "server_is_overloaded"),
        Arguments.of(413, error("Request too large", "invalid_request_error", null), Category.CONTEXT_LENGTH,
            "invalid_request_error"),
        Arguments.of(400, error("Invalid value for 'temperature'", "invalid_request_error", "invalid_value"),
            Category.BAD_REQUEST, "invalid_value"),
        // An OpenAI-compatible server (vLLM) that says it only in text, without nesting.
        Arguments.of(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 "
            + "tokens.\",\"type\":\"BadRequestError\",\"code\":400}", Category.CONTEXT_LENGTH, "BadRequestError"),
        // Ollama answers a missing model with a bare string.
        Arguments.of(404, "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}",
            Category.NOT_FOUND, null));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("openAiBodies")
  void openAiErrorBodiesMapToTheirCategory(int status, String body, Category expected, String expectedCode) {
    Classification verdict = classify(Provider.OPENAI, status, body);

    assertEquals(expected, verdict.category(), verdict.toString());
    assertEquals(expectedCode, verdict.providerErrorCode());
    assertEquals(status, verdict.httpStatus());
  }

  @Test
  void quotaErrorsAreNeverRetriedButRateLimitsAre() {
    Classification quota = classify(Provider.OPENAI, 429,
        error("You exceeded your current quota", "insufficient_quota", "insufficient_quota"));
    Classification rateLimit = classify(Provider.OPENAI, 429,
        error("Rate limit reached", "requests", "rate_limit_exceeded"));

    assertFalse(quota.retryable());
    assertEquals(Severity.CRITICAL, quota.severity());
    assertTrue(rateLimit.retryable());
    assertEquals("openai code=insufficient_quota", quota.reason());
  }

  @Test
  void aKeyEchoedInTheProviderMessageIsMaskedInTheDetail() {
    Classification verdict = classify(Provider.OPENAI, 401, error(
        "Incorrect API key provided: sk-proj-abc1************************wxyz. You can find your API key at "
            + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"));

    assertFalse(verdict.detail().contains("abc1"), verdict.detail());
    assertFalse(verdict.detail().contains("wxyz"), verdict.detail());
    assertTrue(verdict.detail().startsWith("Incorrect API key provided: ****"), verdict.detail());
  }
}
