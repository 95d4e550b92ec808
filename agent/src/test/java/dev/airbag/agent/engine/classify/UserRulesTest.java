package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.ClassifierFixtures.FIXED_CLOCK;
import static dev.airbag.agent.engine.classify.ClassifierFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.endpoint.Provider;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserRulesTest {
  private static final String RATE_LIMIT = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
      + "\"code\":\"rate_limit_exceeded\"}}";

  private static Classification classify(ClassificationRules rules, int status, String body) {
    return new Classifier(rules, FIXED_CLOCK).classify(Provider.OPENAI,
        Observation.response(status, HeaderLookup.NONE, utf8(body), false));
  }

  @Test
  void anErrorCodeRuleBeatsAStatusRuleAndTheDialect() {
    ClassificationRules rules = ClassificationRules.of(Map.of(429, Category.OVERLOADED),
        Map.of("RATE_LIMIT_EXCEEDED", Category.QUOTA_EXHAUSTED), false);

    Classification verdict = classify(rules, 429, RATE_LIMIT);

    assertEquals(Category.QUOTA_EXHAUSTED, verdict.category());
    assertEquals("rate_limit_exceeded", verdict.providerErrorCode());
    assertEquals("user rule error-code=rate_limit_exceeded", verdict.reason());
  }

  @Test
  void anErrorCodeRuleMatchesTheErrorTypeToo() {
    ClassificationRules rules = ClassificationRules.of(Map.of(), Map.of("requests", Category.TRANSIENT), false);

    Classification verdict = classify(rules, 429, RATE_LIMIT);

    assertEquals(Category.TRANSIENT, verdict.category());
  }

  @Test
  void aStatusRuleBeatsTheDialect() {
    ClassificationRules rules = ClassificationRules.of(Map.of(429, Category.OVERLOADED), Map.of(), false);

    Classification verdict = classify(rules, 429, RATE_LIMIT);

    assertEquals(Category.OVERLOADED, verdict.category());
    assertEquals("user rule status=429", verdict.reason());
    assertEquals("rate_limit_exceeded", verdict.providerErrorCode());
  }

  @Test
  void withoutRulesTheDialectDecides() {
    Classification verdict = classify(ClassificationRules.NONE, 429, RATE_LIMIT);

    assertEquals(Category.RATE_LIMITED, verdict.category());
  }

  @Test
  void retryUnknownMakesUnknownFailuresRetryable() {
    ClassificationRules rules = ClassificationRules.of(null, null, true);

    Classification response = classify(rules, 501, "");
    Classification transport = new Classifier(rules, FIXED_CLOCK).classify(Provider.OPENAI,
        Observation.exception(new IllegalStateException("odd"), Observation.Phase.RESPONSE));

    assertEquals(Category.UNKNOWN, response.category());
    assertTrue(response.retryable());
    assertEquals(Category.UNKNOWN, transport.category());
    assertTrue(transport.retryable());
  }

  @Test
  void unknownFailuresAreNotRetriedByDefault() {
    Classification verdict = classify(ClassificationRules.NONE, 501, "");

    assertFalse(verdict.retryable());
    assertEquals(Escalation.HUMAN_REVIEW, verdict.escalation());
  }

  @Test
  void aCancelledCallIsNeverRetriedEvenWithRetryUnknown() {
    ClassificationRules rules = ClassificationRules.of(null, null, true);

    Classification verdict = new Classifier(rules, FIXED_CLOCK).classify(Provider.OPENAI,
        Observation.exception(new IOException("Canceled"), Observation.Phase.BEFORE_FIRST_BYTE));

    assertEquals(Category.UNKNOWN, verdict.category());
    assertFalse(verdict.retryable());
  }

  @Test
  void rulesIgnoreNullEntriesAndMatchCodesIgnoringCase() {
    java.util.HashMap<String, Category> codes = new java.util.HashMap<>();
    codes.put(null, Category.AUTH);
    codes.put("Overloaded_Error", Category.TRANSIENT);

    ClassificationRules rules = ClassificationRules.of(null, codes, false);

    assertEquals(Category.TRANSIENT, rules.forErrorCode("OVERLOADED_ERROR"));
    assertNull(rules.forErrorCode(null));
    assertNull(rules.forStatus(500));
    assertTrue(ClassificationRules.NONE.isEmpty());
  }
}
