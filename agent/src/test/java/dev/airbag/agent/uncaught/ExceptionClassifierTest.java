package dev.airbag.agent.uncaught;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExceptionClassifierTest {
  private static final AppFrames APP = AppFrames.platformOnly();
  private static ClassLoader sdks;

  /** The SDKs' exception hierarchies, by name only, as the app would load them. */
  @BeforeAll
  static void compileFakeSdks(@TempDir Path dir) throws IOException {
    Map<String, String> sources = new LinkedHashMap<>();
    for (String pkg : List.of("com.openai.errors", "com.anthropic.errors")) {
      String base = pkg.startsWith("com.openai") ? "OpenAIServiceException" : "AnthropicServiceException";
      sources.put(pkg + "." + base, "package " + pkg + "; public class " + base
          + " extends RuntimeException { public " + base + "(String m) { super(m); } }");
      for (String name : List.of("RateLimitException", "InternalServerException", "UnauthorizedException",
          "NotFoundException", "UnexpectedStatusCodeException", "BadRequestException")) {
        sources.put(pkg + "." + name, "package " + pkg + "; public final class " + name + " extends " + base
            + " { public " + name + "(String m) { super(m); } }");
      }
    }
    sources.put("com.anthropic.errors.OverloadedException", "package com.anthropic.errors; public class "
        + "OverloadedException extends AnthropicServiceException { public OverloadedException(String m) { super(m); } }");
    String lc4j = "dev.langchain4j.exception.";
    sources.put(lc4j + "LangChain4jException", "package dev.langchain4j.exception; public class LangChain4jException"
        + " extends RuntimeException { public LangChain4jException(String m) { super(m); } }");
    for (String name : List.of("RateLimitException", "AuthenticationException", "TimeoutException",
        "ContentFilteredException", "ModelNotFoundException")) {
      sources.put(lc4j + name, "package dev.langchain4j.exception; public class " + name
          + " extends LangChain4jException { public " + name + "(String m) { super(m); } }");
    }
    sources.put("com.acme.MyRateLimit", "package com.acme; public class MyRateLimit extends "
        + "dev.langchain4j.exception.RateLimitException { public MyRateLimit(String m) { super(m); } }");
    sdks = RuntimeCompiler.compile(dir, sources);
  }

  @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
  @CsvSource({
      "com.openai.errors.RateLimitException, 429: {}, rate_limited",
      "com.openai.errors.InternalServerException, 500: {}, transient",
      "com.openai.errors.InternalServerException, 503: {}, overloaded",
      "com.openai.errors.InternalServerException, no status here, transient",
      "com.openai.errors.UnauthorizedException, 401: {}, auth",
      "com.openai.errors.NotFoundException, 404: {}, not_found",
      "com.openai.errors.BadRequestException, 400: {}, bad_request",
      "com.openai.errors.UnexpectedStatusCodeException, 529: {}, overloaded",
      "com.openai.errors.UnexpectedStatusCodeException, 418: {}, bad_request",
      "com.anthropic.errors.InternalServerException, 529: {\"type\":\"overloaded_error\"}, overloaded",
      "com.anthropic.errors.OverloadedException, 529: {}, overloaded",
      "com.anthropic.errors.RateLimitException, 429: {}, rate_limited",
      "com.anthropic.errors.UnauthorizedException, 401: {}, auth",
      "dev.langchain4j.exception.RateLimitException, slow down, rate_limited",
      "dev.langchain4j.exception.AuthenticationException, bad key, auth",
      "dev.langchain4j.exception.TimeoutException, took too long, timeout",
      "dev.langchain4j.exception.ContentFilteredException, filtered, content_policy",
      "dev.langchain4j.exception.ModelNotFoundException, no such model, not_found",
      "com.acme.MyRateLimit, a subclass of an SDK type, rate_limited",
  })
  void llmSdkExceptionsMapOntoTheLlmCategoriesByClassName(String type, String message, String category)
      throws Exception {
    Throwable error = RuntimeCompiler.newThrowable(sdks, type, message);

    Verdict verdict = classify(builtInOnly(), error);

    assertEquals(category, verdict.category().wireName());
    assertEquals(verdict.category().severity(), verdict.severity());
    assertEquals(LabelSource.RULE, verdict.labelledBy());
  }

  @Test
  void jvmErrorsAreCriticalAndPaged() {
    for (Throwable error : List.of(new OutOfMemoryError(), new StackOverflowError(), new NoClassDefFoundError("x"),
        new ExceptionInInitializerError(), new AssertionError("boom"))) {
      Verdict verdict = classify(builtInOnly(), error);
      assertEquals(Severity.CRITICAL, verdict.severity(), error.toString());
      assertEquals(Escalation.PAGE, verdict.escalation(), error.toString());
    }
  }

  @Test
  void ioErrorsAndTimeoutsAreWarnings() {
    for (Throwable error : List.of(new IOException("disk"), new UncheckedIOException(new IOException()),
        new SocketTimeoutException(), new HttpTimeoutException("slow"), new TimeoutException())) {
      assertEquals(Severity.WARNING, classify(builtInOnly(), error).severity(), error.toString());
    }
    assertEquals(Category.TIMEOUT, classify(builtInOnly(), new SocketTimeoutException()).category());
    assertNull(classify(builtInOnly(), new IOException()).category());
  }

  @Test
  void cancellationAndInterruptionAreInformational() {
    assertEquals(Escalation.NONE, classify(builtInOnly(), new CancellationException()).escalation());
    assertEquals(Severity.INFO, classify(builtInOnly(), new InterruptedException()).severity());
  }

  @Test
  void aWrappedCauseIsClassifiedWhenTheWrapperIsNot() {
    Verdict verdict = classify(builtInOnly(), new ExecutionException(new RuntimeException(new OutOfMemoryError())));

    assertEquals(Severity.CRITICAL, verdict.severity());
  }

  @Test
  void anExceptionNoRuleCoversGoesToHumanReview() {
    Verdict verdict = classify(builtInOnly(), new IllegalStateException("odd"));

    assertEquals(Verdict.UNREVIEWED, verdict);
    assertEquals(Escalation.HUMAN_REVIEW, verdict.escalation());
    assertEquals(LabelSource.UNLABELLED, verdict.labelledBy());
  }

  @Test
  void aUserRuleMatchesSubclassesOfItsType() {
    ExceptionClassifier classifier = new ExceptionClassifier(
        List.of(ExceptionRule.parse("type=java.sql.SQLTransientException,severity=warning,escalation=none")),
        Labels.NONE, Labels.NONE);

    Verdict verdict = classify(classifier, new SQLTransientConnectionException("pool empty"));

    assertEquals(Severity.WARNING, verdict.severity());
    assertEquals(Escalation.NONE, verdict.escalation());
    assertEquals("rule java.sql.SQLTransientException", verdict.reason());
  }

  @Test
  void aUserRuleMatchesAnInterfaceTheExceptionImplements() {
    ExceptionClassifier classifier = new ExceptionClassifier(
        List.of(ExceptionRule.parse("type=java.io.Serializable,severity=info,escalation=none")),
        Labels.NONE, Labels.NONE);

    assertEquals(Severity.INFO, classify(classifier, new IllegalStateException()).severity());
  }

  @Test
  void userRulesWinOverBuiltInRules() {
    ExceptionClassifier classifier = new ExceptionClassifier(
        List.of(ExceptionRule.parse("type=java.io.IOException,severity=info,escalation=none,category=transient")),
        Labels.NONE, Labels.NONE);

    Verdict verdict = classify(classifier, new SocketTimeoutException());

    assertEquals(Severity.INFO, verdict.severity());
    assertEquals(Category.TRANSIENT, verdict.category());
  }

  @Test
  void aHumanLabelWinsOverEveryRuleAndAnAiLabelOnlyOverTheDefault() {
    Throwable oom = new OutOfMemoryError();
    Throwable odd = new IllegalStateException();
    Verdict human = new Verdict(Severity.INFO, Escalation.NONE, null, LabelSource.HUMAN, "known, harmless");
    Verdict ai = new Verdict(Severity.WARNING, Escalation.TICKET, null, LabelSource.AI, "ai: a bug");
    ExceptionClassifier classifier = new ExceptionClassifier(List.of(),
        fp -> fp.equals(Fingerprint.of(oom, APP).value()) ? human : null, fp -> ai);

    assertEquals(human, classify(classifier, oom));
    assertEquals(ai, classify(classifier, odd));
    assertEquals(LabelSource.RULE, classify(classifier, new StackOverflowError()).labelledBy());
  }

  @Test
  void aRuleWithOnlyACategoryTakesTheCategorysDefaults() {
    ExceptionRule rule = ExceptionRule.parse(" type = com.acme.QuotaGone , category = quota_exhausted ");

    assertEquals(Severity.CRITICAL, rule.verdict().severity());
    assertEquals(Escalation.PAGE, rule.verdict().escalation());
    assertEquals("type=com.acme.QuotaGone,severity=critical,escalation=page,category=quota_exhausted",
        rule.toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "severity=warning,escalation=none                          | a rule needs type",
      "type=java.io.IOException,severity=high,escalation=none    | severity 'high' is not one of: info, warning, critical",
      "type=java.io.IOException,severity=info,escalation=later   | escalation 'later' is not one of",
      "type=java.io.IOException,severity=info                    | needs severity and escalation",
      "type=java.io.IOException,colour=red                       | unknown key 'colour'",
      "type=not a class,severity=info,escalation=none            | is not a fully qualified class name",
      "type=java.io.IOException,category=sleepy                  | category 'sleepy' is not one of",
      "type=java.io.IOException,warning                          | is not key=value",
  })
  void aBadRuleSaysWhatIsWrong(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExceptionRule.parse(text));

    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static ExceptionClassifier builtInOnly() {
    return new ExceptionClassifier(List.of(), Labels.NONE, Labels.NONE);
  }

  private static Verdict classify(ExceptionClassifier classifier, Throwable error) {
    return classifier.classify(error, Fingerprint.of(error, APP));
  }
}
