package dev.airbag.agent.engine.classify;

import static dev.airbag.agent.engine.classify.Category.AUTH;
import static dev.airbag.agent.engine.classify.Category.BAD_REQUEST;
import static dev.airbag.agent.engine.classify.Category.CONTENT_POLICY;
import static dev.airbag.agent.engine.classify.Category.CONTEXT_LENGTH;
import static dev.airbag.agent.engine.classify.Category.NOT_FOUND;
import static dev.airbag.agent.engine.classify.Category.OVERLOADED;
import static dev.airbag.agent.engine.classify.Category.QUOTA_EXHAUSTED;
import static dev.airbag.agent.engine.classify.Category.RATE_LIMITED;
import static dev.airbag.agent.engine.classify.Category.TIMEOUT;
import static dev.airbag.agent.engine.classify.Category.TRANSIENT;
import static dev.airbag.agent.engine.classify.DialectRule.code;
import static dev.airbag.agent.engine.classify.DialectRule.text;

import dev.airbag.agent.engine.endpoint.Provider;
import java.util.Arrays;

/**
 * The error dialect of each provider, as data: which codes and message words mean which category. Order
 * matters (first match wins). Sources: the providers' public error references (platform.openai.com/docs/guides/
 * error-codes, docs.anthropic.com/en/api/errors, ai.google.dev/gemini-api/docs/troubleshooting, Azure OpenAI
 * quota and content-filter docs). Immutable; thread-safe.
 */
final class Dialects {
  /** OpenAI and every server that speaks its shape: {"error":{"message","type","param","code"}}. */
  static final Dialect OPENAI = new Dialect("openai", Arrays.asList(
      code(QUOTA_EXHAUSTED, "insufficient_quota", "billing_hard_limit_reached", "billing_not_active"),
      code(CONTEXT_LENGTH, "context_length_exceeded"),
      code(CONTENT_POLICY, "content_policy_violation", "content_filter"),
      code(NOT_FOUND, "model_not_found"),
      code(AUTH, "invalid_api_key", "invalid_organization", "account_deactivated",
          "unsupported_country_region_territory"),
      code(RATE_LIMITED, "rate_limit_exceeded", "requests", "tokens"),
      code(OVERLOADED, "overloaded", "server_is_overloaded", "engine_overloaded"),
      code(OVERLOADED, "server_error").and("overloaded"),
      code(TRANSIENT, "server_error"),
      // OpenAI-compatible servers (vLLM, Ollama, gateways) often only say it in the message.
      text(QUOTA_EXHAUSTED, "exceeded your current quota", "billing hard limit"),
      text(CONTEXT_LENGTH, "maximum context length", "context length exceeded", "context_length_exceeded",
          "prompt is too long"),
      text(CONTENT_POLICY, "content management policy", "content policy", "safety system"),
      text(RATE_LIMITED, "rate limit"),
      text(OVERLOADED, "overloaded")));

  /** Anthropic: {"type":"error","error":{"type","message","details":{"error_code"}}}. */
  static final Dialect ANTHROPIC = new Dialect("anthropic", Arrays.asList(
      // A spend limit arrives as a 429 rate_limit_error; its error_code or text says it will not pass soon.
      code(QUOTA_EXHAUSTED, "enforced_spend_limit_reached", "billing_error"),
      text(QUOTA_EXHAUSTED, "enforced_spend_limit_reached", "credit balance is too low",
          "reached your specified api usage limits"),
      code(OVERLOADED, "overloaded_error"),
      code(RATE_LIMITED, "rate_limit_error"),
      code(CONTEXT_LENGTH, "request_too_large"),
      code(CONTEXT_LENGTH, "invalid_request_error").and("prompt is too long", "input is too long",
          "context window"),
      code(CONTENT_POLICY, "invalid_request_error").and("content filtering", "usage policy"),
      code(AUTH, "authentication_error", "permission_error"),
      code(NOT_FOUND, "not_found_error"),
      code(TRANSIENT, "api_error"),
      code(TIMEOUT, "timeout_error")));

  /**
   * Gemini: {"error":{"code","message","status","details":[RetryInfo, QuotaFailure, ErrorInfo]}}. Gemini says
   * "check your plan and billing" on every 429, so RESOURCE_EXHAUSTED is a quota only on harder evidence: a
   * limit of 0 (no quota at all) or a per-day quota; a per-minute quota or a retry delay is a rate limit.
   */
  static final Dialect GEMINI = new Dialect("gemini", Arrays.asList(
      code(AUTH, "API_KEY_INVALID", "PERMISSION_DENIED", "UNAUTHENTICATED"),
      code(QUOTA_EXHAUSTED, "RESOURCE_EXHAUSTED").and("limit: 0,", "quotavalue=0;", "perday"),
      code(RATE_LIMITED, "RESOURCE_EXHAUSTED").and("perminute", "please retry in"),
      code(QUOTA_EXHAUSTED, "RESOURCE_EXHAUSTED").and("billing"),
      code(RATE_LIMITED, "RESOURCE_EXHAUSTED"),
      code(OVERLOADED, "UNAVAILABLE"),
      code(TIMEOUT, "DEADLINE_EXCEEDED"),
      code(CONTEXT_LENGTH, "INVALID_ARGUMENT").and("token count", "exceeds the maximum number of tokens"),
      code(CONTENT_POLICY, "SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_SAFETY"),
      text(CONTENT_POLICY, "prompt was blocked", "blocked due to safety"),
      code(NOT_FOUND, "NOT_FOUND"),
      code(TRANSIENT, "INTERNAL")));

  /** Azure OpenAI: OpenAI's shape plus innererror, deployment codes and its own quota wording. */
  static final Dialect AZURE_OPENAI = OPENAI.extendedBy("azure-openai",
      code(CONTENT_POLICY, "ResponsibleAIPolicyViolation", "content_filter"),
      code(NOT_FOUND, "DeploymentNotFound"),
      code(QUOTA_EXHAUSTED, "InsufficientQuota"),
      text(QUOTA_EXHAUSTED, "out of call volume quota", "quota will be replenished", "exceeded your current quota",
          "quota exceeded"),
      code(RATE_LIMITED, "429"),
      text(RATE_LIMITED, "exceeded token rate limit", "exceeded call rate limit"));

  /**
   * Amazon Bedrock runtime (Converse, InvokeModel): the exception name in {@code x-amzn-ErrorType} or
   * {@code __type}, the text in {"message"}. A daily token quota comes as a ThrottlingException that says
   * "per day"; a context overflow as a ValidationException that says the input is too long.
   */
  static final Dialect BEDROCK = new Dialect("bedrock", Arrays.asList(
      code(QUOTA_EXHAUSTED, "ServiceQuotaExceededException"),
      code(QUOTA_EXHAUSTED, "ThrottlingException").and("per day"),
      code(RATE_LIMITED, "ThrottlingException", "TooManyRequestsException"),
      code(OVERLOADED, "ServiceUnavailableException", "ModelNotReadyException"),
      code(TIMEOUT, "ModelTimeoutException"),
      code(TRANSIENT, "InternalServerException", "ModelErrorException", "ModelStreamErrorException"),
      code(CONTEXT_LENGTH, "ValidationException").and("too long", "too many input tokens", "context window",
          "maximum context length", "exceeds the maximum", "prompt is too long"),
      code(CONTENT_POLICY, "ValidationException").and("content filter", "guardrail", "usage policy"),
      code(BAD_REQUEST, "ValidationException"),
      code(AUTH, "AccessDeniedException", "UnrecognizedClientException", "ExpiredTokenException",
          "InvalidSignatureException", "IncompleteSignatureException", "MissingAuthenticationTokenException"),
      code(NOT_FOUND, "ResourceNotFoundException")));

  private Dialects() {
  }

  static Dialect of(Provider provider) {
    if (provider == null) {
      return OPENAI;
    }
    switch (provider) {
      case ANTHROPIC:
        return ANTHROPIC;
      case GEMINI:
        return GEMINI;
      case AZURE_OPENAI:
        return AZURE_OPENAI;
      case BEDROCK:
        return BEDROCK;
      default:
        return OPENAI;
    }
  }
}
