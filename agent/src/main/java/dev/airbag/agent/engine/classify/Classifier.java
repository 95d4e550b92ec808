package dev.airbag.agent.engine.classify;

import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.redact.Redactor;
import dev.airbag.agent.engine.time.Clock;

/**
 * Gives one failed attempt its category, from (in order of precedence) the transport exception, the user's
 * rules, the provider's error dialect, and the HTTP status. Reads at most a bounded prefix of the body and never
 * throws: anything unparseable degrades to the status table, then to {@link Category#UNKNOWN}. Thread-safe.
 * Not final only so that the hardening tests can inject a classifier that throws.
 */
public class Classifier {
  // A detail from a body that is not JSON (a proxy's HTML page) is mostly markup: keep it short.
  private static final int RAW_DETAIL_LENGTH = 200;

  private final ClassificationRules rules;
  private final Clock clock;

  public Classifier(ClassificationRules rules, Clock clock) {
    this.rules = rules == null ? ClassificationRules.NONE : rules;
    this.clock = clock == null ? Clock.SYSTEM : clock;
  }

  /**
   * Classifies one failed attempt. Never throws; anything unparseable degrades to status/transport rules, then
   * UNKNOWN.
   */
  public Classification classify(Provider provider, Observation observation) {
    try {
      if (observation.exception() != null) {
        return TransportClassifier.classify(observation.exception(), observation.phase(), rules.retryUnknown())
            .build();
      }
      return withRetryUnknown(classifyResponse(provider, observation).build());
    } catch (RuntimeException | StackOverflowError e) {
      // The classifier must never break the call it is judging.
      int status = observation == null ? -1 : observation.status();
      return withRetryUnknown(Classification.builder(Category.UNKNOWN).httpStatus(status)
          .reason("classifier failed: " + e.getClass().getSimpleName()).build());
    }
  }

  /** True when a response with this status and body is a failure worth classifying (status >= 400). */
  public static boolean isFailureStatus(int status) {
    return status >= 400;
  }

  private Classification.Builder classifyResponse(Provider provider, Observation observation) {
    int status = observation.status();
    ErrorBody body = ErrorBody.decode(observation.bodyPrefix());
    ErrorFields fields = ErrorJsonReader.read(body);
    if (provider == Provider.BEDROCK && observation.headers() != null) {
      fields.amznType(observation.headers().get("x-amzn-ErrorType"));
    }
    // Without a JSON message, the raw text (a proxy's page) is the only evidence for filters and the detail.
    String text = fields.message != null ? fields.message : body.isEmpty() ? null : body.text();
    Classification.Builder verdict = decide(provider, status, fields, text);
    String detail = fields.message != null ? Redactor.redact(fields.message)
        : text == null ? null : Redactor.redact(text.trim(), RAW_DETAIL_LENGTH);
    return verdict.httpStatus(status).detail(detail).waitHintMillis(waitHint(status, observation.headers(), fields));
  }

  private Classification.Builder decide(Provider provider, int status, ErrorFields fields, String text) {
    String ruledCode = rules.firstRuledCode(fields.codes());
    if (ruledCode != null) {
      return Classification.builder(rules.forErrorCode(ruledCode)).providerErrorCode(ruledCode)
          .reason("user rule error-code=" + ruledCode);
    }
    Category statusRule = rules.forStatus(status);
    if (statusRule != null) {
      return Classification.builder(statusRule).providerErrorCode(fields.mostSpecificCode())
          .reason("user rule status=" + status);
    }
    Classification.Builder dialect = Dialects.of(provider).decide(fields);
    if (dialect != null) {
      return dialect;
    }
    return StatusTable.classify(status, text).providerErrorCode(fields.mostSpecificCode());
  }

  private long waitHint(int status, HeaderLookup headers, ErrorFields fields) {
    long fromHeaders = WaitHints.fromHeaders(headers, clock.currentTimeMillis());
    if (fromHeaders >= 0) {
      return fromHeaders;
    }
    long retryDelay = WaitHints.parseProtoDuration(fields.retryDelay);
    // Only a 429 means a limit was hit; the same headers ride on every OpenAI response.
    return retryDelay >= 0 || status != 429 ? retryDelay : RateLimitResets.fromHeaders(headers);
  }

  private Classification withRetryUnknown(Classification verdict) {
    return rules.retryUnknown() && verdict.category() == Category.UNKNOWN
        ? verdict.toBuilder().retryable(true).build() : verdict;
  }
}
