package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.DEFAULT;
import static dev.airbag.agent.engine.classify.ClassifierFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.agent.engine.endpoint.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamErrorTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "ANTHROPIC|{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
          + "|OVERLOADED|overloaded_error",
      "ANTHROPIC|{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"
          + "|TRANSIENT|api_error",
      "OPENAI|{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}"
          + "|TRANSIENT|server_error",
      "OPENAI|{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}"
          + "|RATE_LIMITED|rate_limit_exceeded",
      "GEMINI|[{\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}]"
          + "|OVERLOADED|UNAVAILABLE",
      "AZURE_OPENAI|{\"choices\":[{\"index\":0,\"finish_reason\":\"content_filter\"}]}|CONTENT_POLICY|content_filter",
      "OPENAI|{\"error\":{\"message\":\"something odd\"}}|UNKNOWN|"})
  void errorEventsInsideA200StreamAreReadWithTheSameTables(Provider provider, String eventData, Category expected,
      String expectedCode) {
    Observation event = Observation.streamError(200, HeaderLookup.NONE, utf8(eventData));

    Classification verdict = DEFAULT.classify(provider, event);

    assertEquals(expected, verdict.category(), verdict.toString());
    assertEquals(expectedCode, verdict.providerErrorCode());
    assertEquals(200, verdict.httpStatus());
  }
}
