package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.classify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.endpoint.Provider;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiDialectTest {

  static String error(int code, String status, String message, String details) {
    return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\""
        + (details == null ? "" : ",\"details\":[" + details + "]") + "}}";
  }

  static String retryInfo(String delay) {
    return "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + delay + "\"}";
  }

  static String quotaFailure(String quotaId, String quotaValue) {
    return "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":"
        + "\"generativelanguage.googleapis.com/generate_content_free_tier_requests\",\"quotaId\":\"" + quotaId
        + "\",\"quotaValue\":\"" + quotaValue + "\"}]}";
  }

  private static final String PLAN_AND_BILLING =
      "You exceeded your current quota, please check your plan and billing details.";

  static Stream<Arguments> geminiBodies() {
    return Stream.of(
        Arguments.of(429, error(429, "RESOURCE_EXHAUSTED", PLAN_AND_BILLING,
            quotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "15") + "," + retryInfo("30s")),
            Category.RATE_LIMITED),
        Arguments.of(429, error(429, "RESOURCE_EXHAUSTED", PLAN_AND_BILLING,
            quotaFailure("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "50") + "," + retryInfo("30s")),
            Category.QUOTA_EXHAUSTED),
        Arguments.of(429, error(429, "RESOURCE_EXHAUSTED", PLAN_AND_BILLING
            + " * Quota exceeded for metric: x, limit: 0, model: gemini-2.5-pro", null), Category.QUOTA_EXHAUSTED),
        Arguments.of(429, error(429, "RESOURCE_EXHAUSTED", PLAN_AND_BILLING, null), Category.QUOTA_EXHAUSTED),
        Arguments.of(429, error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", null),
            Category.RATE_LIMITED),
        Arguments.of(503, error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null),
            Category.OVERLOADED),
        Arguments.of(504, error(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.",
            null), Category.TIMEOUT),
        Arguments.of(400, error(400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum "
            + "number of tokens allowed (1048576).", null), Category.CONTEXT_LENGTH),
        Arguments.of(400, error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.", null),
            Category.BAD_REQUEST),
        Arguments.of(400, error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
            "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}"),
            Category.AUTH),
        Arguments.of(403, error(403, "PERMISSION_DENIED", "Permission denied", null), Category.AUTH),
        Arguments.of(401, error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", null),
            Category.AUTH),
        Arguments.of(404, error(404, "NOT_FOUND", "models/gemini-9 is not found for API version v1beta", null),
            Category.NOT_FOUND),
        Arguments.of(500, error(500, "INTERNAL", "An internal error has occurred.", null), Category.TRANSIENT),
        Arguments.of(200, "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}", Category.CONTENT_POLICY),
        Arguments.of(200, "{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}]}", Category.CONTENT_POLICY));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("geminiBodies")
  void geminiErrorBodiesMapToTheirCategory(int status, String body, Category expected) {
    Classification verdict = classify(Provider.GEMINI, status, body);

    assertEquals(expected, verdict.category(), verdict.toString());
  }

  @Test
  void retryInfoBecomesTheWaitHint() {
    Classification verdict = classify(Provider.GEMINI, 429, error(429, "RESOURCE_EXHAUSTED", "Please retry in 1.5s.",
        retryInfo("1.5s")));

    assertEquals(Category.RATE_LIMITED, verdict.category());
    assertEquals("RESOURCE_EXHAUSTED", verdict.providerErrorCode());
    assertEquals(1500, verdict.waitHintMillis());
    assertTrue(verdict.retryable());
  }

  @Test
  void aRetryAfterHeaderBeatsTheBodyDelay() {
    Classification verdict = classify(Provider.GEMINI, 429, Map.of("Retry-After", "7"),
        ClassifierFixtures.utf8(error(429, "RESOURCE_EXHAUSTED", "slow down", retryInfo("30s"))));

    assertEquals(7000, verdict.waitHintMillis());
  }

  @Test
  void aPerDayQuotaIsNotRetried() {
    Classification verdict = classify(Provider.GEMINI, 429, error(429, "RESOURCE_EXHAUSTED", PLAN_AND_BILLING,
        quotaFailure("GenerateRequestsPerDayPerProjectPerModel-FreeTier", "50")));

    assertFalse(verdict.retryable());
    assertEquals("gemini code=RESOURCE_EXHAUSTED text~'perday'", verdict.reason());
  }
}
