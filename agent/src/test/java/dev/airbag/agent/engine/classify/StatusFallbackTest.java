package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.classify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.endpoint.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusFallbackTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "529, OVERLOADED", "503, OVERLOADED", "500, TRANSIENT", "502, TRANSIENT", "504, TRANSIENT",
      "408, TIMEOUT", "429, RATE_LIMITED", "401, AUTH", "403, AUTH", "404, NOT_FOUND", "413, CONTEXT_LENGTH",
      "400, BAD_REQUEST", "422, BAD_REQUEST", "409, BAD_REQUEST", "451, BAD_REQUEST", "501, UNKNOWN",
      "599, UNKNOWN", "302, UNKNOWN"})
  void aBodyThatSaysNothingLeavesTheStatusToDecide(int status, Category expected) {
    for (Provider provider : Provider.values()) {
      Classification verdict = classify(provider, status, "");

      assertEquals(expected, verdict.category(), provider + " " + verdict);
      assertEquals("status " + status, verdict.reason());
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "400|Your prompt was flagged by our content filter",
      "422|{\"detail\":\"Rejected by content policy\"}",
      "400|{\"message\":\"Blocked by the safety system\"}"})
  void aBadRequestThatMentionsAContentFilterIsContentPolicy(int status, String body) {
    Classification verdict = classify(Provider.OPENAI, status, body);

    assertEquals(Category.CONTENT_POLICY, verdict.category(), verdict.toString());
  }

  @Test
  void onlyStatusesFrom400AreFailures() {
    assertFalse(Classifier.isFailureStatus(200));
    assertFalse(Classifier.isFailureStatus(399));
    assertTrue(Classifier.isFailureStatus(400));
    assertTrue(Classifier.isFailureStatus(529));
  }

  @Test
  void aNullObservationYieldsUnknownInsteadOfThrowing() {
    Classification verdict = ClassifierFixtures.DEFAULT.classify(Provider.OPENAI, null);

    assertEquals(Category.UNKNOWN, verdict.category());
    assertTrue(verdict.reason().startsWith("classifier failed"));
  }
}
