package dev.airbag.agent.engine.classify;

/**
 * The classifier's verdict on one failed attempt: a category and everything the pipeline and the event need
 * to act on it. Immutable. Retry and fallback eligibility start from the category's defaults and may be
 * changed by user rules.
 */
public final class Classification {
  private final Category category;
  private final boolean retryable;
  private final boolean fallbackEligible;
  private final Severity severity;
  private final Escalation escalation;
  private final int httpStatus;
  private final String providerErrorCode;
  private final long waitHintMillis;
  private final String exceptionType;
  private final String detail;
  private final String reason;

  private Classification(Builder b) {
    this.category = b.category;
    this.retryable = b.retryable;
    this.fallbackEligible = b.fallbackEligible;
    this.severity = b.severity;
    this.escalation = b.escalation;
    this.httpStatus = b.httpStatus;
    this.providerErrorCode = b.providerErrorCode;
    this.waitHintMillis = b.waitHintMillis;
    this.exceptionType = b.exceptionType;
    this.detail = b.detail;
    this.reason = b.reason;
  }

  /** Starts a verdict with the category's defaults. */
  public static Builder builder(Category category) {
    return new Builder(category);
  }

  public Category category() {
    return category;
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean fallbackEligible() {
    return fallbackEligible;
  }

  public Severity severity() {
    return severity;
  }

  public Escalation escalation() {
    return escalation;
  }

  /** A message that is safe to show an end user. */
  public String userMessage() {
    return category.userMessage();
  }

  /** The HTTP status, or -1 for a transport failure. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The provider's own error code or type ({@code insufficient_quota}, {@code overloaded_error}), or null. */
  public String providerErrorCode() {
    return providerErrorCode;
  }

  /** The provider's wait hint in milliseconds (Retry-After and its kin), or -1 when it gave none. */
  public long waitHintMillis() {
    return waitHintMillis;
  }

  /** The transport exception's class name, or null. */
  public String exceptionType() {
    return exceptionType;
  }

  /** The provider's message or the exception's, redacted of secrets and bounded in length; may be null. */
  public String detail() {
    return detail;
  }

  /** Which signal decided the category, for people debugging a rule ({@code anthropic error.type=overloaded_error}). */
  public String reason() {
    return reason;
  }

  public Builder toBuilder() {
    Builder b = new Builder(category);
    b.retryable = retryable;
    b.fallbackEligible = fallbackEligible;
    b.severity = severity;
    b.escalation = escalation;
    b.httpStatus = httpStatus;
    b.providerErrorCode = providerErrorCode;
    b.waitHintMillis = waitHintMillis;
    b.exceptionType = exceptionType;
    b.detail = detail;
    b.reason = reason;
    return b;
  }

  @Override
  public String toString() {
    return "Classification{" + category.wireName() + ", status=" + httpStatus + ", code=" + providerErrorCode
        + ", retryable=" + retryable + ", fallback=" + fallbackEligible + ", waitHintMillis=" + waitHintMillis
        + ", reason=" + reason + '}';
  }

  /** Not thread-safe; build once, then share the immutable result. */
  public static final class Builder {
    private Category category;
    private boolean retryable;
    private boolean fallbackEligible;
    private Severity severity;
    private Escalation escalation;
    private int httpStatus = -1;
    private String providerErrorCode;
    private long waitHintMillis = -1;
    private String exceptionType;
    private String detail;
    private String reason;

    private Builder(Category category) {
      category(category);
    }

    /** Sets the category and resets retry, fallback, severity and escalation to its defaults. */
    public Builder category(Category category) {
      this.category = category;
      this.retryable = category.retryable();
      this.fallbackEligible = category.fallbackEligible();
      this.severity = category.severity();
      this.escalation = category.escalation();
      return this;
    }

    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    public Builder fallbackEligible(boolean fallbackEligible) {
      this.fallbackEligible = fallbackEligible;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder escalation(Escalation escalation) {
      this.escalation = escalation;
      return this;
    }

    public Builder httpStatus(int httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    public Builder providerErrorCode(String providerErrorCode) {
      this.providerErrorCode = providerErrorCode;
      return this;
    }

    public Builder waitHintMillis(long waitHintMillis) {
      this.waitHintMillis = waitHintMillis;
      return this;
    }

    public Builder exceptionType(String exceptionType) {
      this.exceptionType = exceptionType;
      return this;
    }

    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Classification build() {
      return new Classification(this);
    }
  }
}
