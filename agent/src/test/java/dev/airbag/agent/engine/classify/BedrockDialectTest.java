package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.classify;
import static dev.airbag.agent.engine.classify.ClassifierFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.agent.engine.endpoint.Provider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BedrockDialectTest {
  private static final String AWS_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "429 | ThrottlingException | Too many requests, please wait before trying again. | RATE_LIMITED",
      "429 | ThrottlingException | Too many tokens per day, please wait before trying again. | QUOTA_EXHAUSTED",
      "400 | ServiceQuotaExceededException | The request exceeds the account quota. | QUOTA_EXHAUSTED",
      "503 | ServiceUnavailableException | Bedrock is unable to process your request. | OVERLOADED",
      "429 | ModelNotReadyException | The model is not ready to serve inference requests. | OVERLOADED",
      "408 | ModelTimeoutException | Model has timed out in processing the request. | TIMEOUT",
      "500 | InternalServerException | The server encountered an internal error. | TRANSIENT",
      "424 | ModelErrorException | The model returned an error. | TRANSIENT",
      "400 | ValidationException | Input is too long for requested model. | CONTEXT_LENGTH",
      "400 | ValidationException | The model returned the following errors: prompt is too long: 210000 tokens > 200000 maximum | CONTEXT_LENGTH",
      "400 | ValidationException | The provided model identifier is invalid. | BAD_REQUEST",
      "403 | AccessDeniedException | You don't have access to the model with the specified model ID. | AUTH",
      "403 | UnrecognizedClientException | The security token included in the request is invalid. | AUTH",
      "404 | ResourceNotFoundException | Model not found. | NOT_FOUND"})
  void theExceptionNamedInTheHeaderDecidesTheCategory(int status, String type, String message, Category expected) {
    Classification verdict = classify(Provider.BEDROCK, status, Map.of("x-amzn-ErrorType", type + AWS_SUFFIX),
        utf8("{\"message\":\"" + message + "\"}"));

    assertEquals(expected, verdict.category(), verdict.reason());
    assertEquals(type, verdict.providerErrorCode());
  }

  @Test
  void theExceptionNamedInTheBodyWorksWithoutTheHeader() {
    Classification verdict = classify(Provider.BEDROCK, 429, Map.of(),
        utf8("{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"Rate exceeded\"}"));

    assertEquals(Category.RATE_LIMITED, verdict.category());
    assertEquals("ThrottlingException", verdict.providerErrorCode());
  }

  @Test
  void anotherProvidersResponseIgnoresTheAwsHeader() {
    Classification verdict = classify(Provider.OPENAI, 503, Map.of("x-amzn-ErrorType", "ThrottlingException"),
        utf8("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));

    assertEquals(Category.OVERLOADED, verdict.category());
  }
}
