package dev.airbag.agent.uncaught;

import static dev.airbag.agent.engine.classify.Category.AUTH;
import static dev.airbag.agent.engine.classify.Category.BAD_REQUEST;
import static dev.airbag.agent.engine.classify.Category.CONTENT_POLICY;
import static dev.airbag.agent.engine.classify.Category.NOT_FOUND;
import static dev.airbag.agent.engine.classify.Category.OVERLOADED;
import static dev.airbag.agent.engine.classify.Category.RATE_LIMITED;
import static dev.airbag.agent.engine.classify.Category.TIMEOUT;
import static dev.airbag.agent.engine.classify.Category.TRANSIENT;
import static dev.airbag.agent.engine.classify.Category.UNKNOWN;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Escalation;
import dev.airbag.agent.engine.classify.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules Airbag ships, as data: the LLM SDKs' exceptions onto the LLM categories (by class name, so no SDK
 * is needed at build time), then JVM errors, timeouts, I/O and interruption. Order matters: the first rule
 * whose type the exception is, or extends, wins, so subclasses come before their parents. Stateless.
 */
final class BuiltInRules {
  private static final String OPENAI = "com.openai.errors.";
  private static final String ANTHROPIC = "com.anthropic.errors.";
  private static final String LANGCHAIN4J = "dev.langchain4j.exception.";

  /** SDK exceptions that cover several statuses; the status at the head of their message refines them. */
  static final Set<String> STATUS_REFINED = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
      OPENAI + "InternalServerException", OPENAI + "UnexpectedStatusCodeException",
      ANTHROPIC + "InternalServerException", ANTHROPIC + "UnexpectedStatusCodeException")));

  private BuiltInRules() {
  }

  static List<ExceptionRule> all() {
    List<ExceptionRule> rules = new ArrayList<>();
    for (String sdk : Arrays.asList(OPENAI, ANTHROPIC)) {
      category(rules, RATE_LIMITED, sdk + "RateLimitException");
      category(rules, OVERLOADED, sdk + "OverloadedException");
      category(rules, TRANSIENT, sdk + "InternalServerException");
      category(rules, AUTH, sdk + "UnauthorizedException", sdk + "PermissionDeniedException",
          sdk + "NoCredentialsException");
      category(rules, NOT_FOUND, sdk + "NotFoundException");
      category(rules, BAD_REQUEST, sdk + "BadRequestException", sdk + "UnprocessableEntityException");
      category(rules, UNKNOWN, sdk + "UnexpectedStatusCodeException");
    }
    category(rules, TRANSIENT, OPENAI + "OpenAIIoException", OPENAI + "OpenAIRetryableException",
        ANTHROPIC + "AnthropicIoException", ANTHROPIC + "AnthropicRetryableException");
    category(rules, RATE_LIMITED, LANGCHAIN4J + "RateLimitException");
    category(rules, AUTH, LANGCHAIN4J + "AuthenticationException");
    category(rules, NOT_FOUND, LANGCHAIN4J + "ModelNotFoundException");
    category(rules, TIMEOUT, LANGCHAIN4J + "TimeoutException");
    category(rules, CONTENT_POLICY, LANGCHAIN4J + "ContentFilteredException");
    category(rules, BAD_REQUEST, LANGCHAIN4J + "InvalidRequestException");
    category(rules, TRANSIENT, LANGCHAIN4J + "InternalServerException", LANGCHAIN4J + "RetriableException",
        "org.springframework.ai.retry.TransientAiException");

    // Thread.stop's signal: the thread was meant to die.
    rules.add(new ExceptionRule("java.lang.ThreadDeath", Severity.INFO, Escalation.NONE, null));
    for (String error : Arrays.asList("java.lang.VirtualMachineError", "java.lang.LinkageError",
        "java.lang.Error")) {
      rules.add(new ExceptionRule(error, Severity.CRITICAL, Escalation.PAGE, null));
    }
    for (String timeout : Arrays.asList("java.net.SocketTimeoutException", "java.net.http.HttpTimeoutException",
        "java.util.concurrent.TimeoutException")) {
      rules.add(new ExceptionRule(timeout, Severity.WARNING, Escalation.TICKET, TIMEOUT));
    }
    for (String io : Arrays.asList("java.io.IOException", "java.io.UncheckedIOException")) {
      rules.add(new ExceptionRule(io, Severity.WARNING, Escalation.TICKET, null));
    }
    // A task cancelled or a thread interrupted is how apps shut work down, not a failure.
    for (String stop : Arrays.asList("java.lang.InterruptedException", "java.util.concurrent.CancellationException")) {
      rules.add(new ExceptionRule(stop, Severity.INFO, Escalation.NONE, null));
    }
    return Collections.unmodifiableList(rules);
  }

  private static void category(List<ExceptionRule> rules, Category category, String... types) {
    for (String type : types) {
      rules.add(ExceptionRule.ofCategory(type, category));
    }
  }
}
