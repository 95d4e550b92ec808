package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.classify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.airbag.agent.engine.endpoint.Provider;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AzureDialectTest {

  static final String CONTENT_FILTER = "{\"error\":{\"message\":\"The response was filtered due to the prompt "
      + "triggering Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\",\"code\":"
      + "\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\","
      + "\"content_filter_result\":{\"hate\":{\"filtered\":true,\"severity\":\"high\"}}}}}";

  static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  static Stream<Arguments> azureBodies() {
    return Stream.of(
        Arguments.of(400, CONTENT_FILTER, Category.CONTENT_POLICY, "ResponsibleAIPolicyViolation"),
        Arguments.of(404, error("DeploymentNotFound", "The API deployment for this resource does not exist."),
            Category.NOT_FOUND, "DeploymentNotFound"),
        Arguments.of(429, error("429", "Requests to the ChatCompletions_Create Operation under Azure OpenAI API "
            + "version 2024-02-01 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please "
            + "retry after 6 seconds."), Category.RATE_LIMITED, "429"),
        Arguments.of(429, error("429", "Out of call volume quota for OpenAI API. Quota will be replenished in "
            + "2.00 days."), Category.QUOTA_EXHAUSTED, "429"),
        Arguments.of(429, error("insufficient_quota", "You exceeded your current quota"),
            Category.QUOTA_EXHAUSTED, "insufficient_quota"),
        Arguments.of(400, error("context_length_exceeded", "This model's maximum context length is 8192 tokens."),
            Category.CONTEXT_LENGTH, "context_length_exceeded"),
        Arguments.of(401, error("401", "Access denied due to invalid subscription key or wrong API endpoint."),
            Category.AUTH, "401"),
        Arguments.of(500, error("InternalServerError", "Backend returned unexpected response."),
            Category.TRANSIENT, "InternalServerError"));
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("azureBodies")
  void azureErrorBodiesMapToTheirCategory(int status, String body, Category expected, String expectedCode) {
    Classification verdict = classify(Provider.AZURE_OPENAI, status, body);

    assertEquals(expected, verdict.category(), verdict.toString());
    assertEquals(expectedCode, verdict.providerErrorCode());
  }

  @Test
  void theAzureMillisecondHintIsHonoured() {
    Classification verdict = classify(Provider.AZURE_OPENAI, 429, Map.of("x-ms-retry-after-ms", "6000"),
        ClassifierFixtures.utf8(error("429", "exceeded token rate limit")));

    assertEquals(6000, verdict.waitHintMillis());
  }

  @Test
  void anAzureContentFilterIsNeitherRetriedNorFallenBack() {
    Classification verdict = classify(Provider.AZURE_OPENAI, 400, CONTENT_FILTER);

    assertFalse(verdict.retryable());
    assertFalse(verdict.fallbackEligible());
    assertEquals(Severity.INFO, verdict.severity());
  }

  @Test
  void anOpenAiContentFilterCodeIsContentPolicyToo() {
    Classification verdict = classify(Provider.OPENAI, 400, CONTENT_FILTER);

    assertEquals(Category.CONTENT_POLICY, verdict.category());
  }
}
