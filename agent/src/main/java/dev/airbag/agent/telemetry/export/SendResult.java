package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.engine.classify.WaitHints;

/**
 * What one post achieved: SENT (2xx), REJECTED (the payload itself is refused: 400, 413, 422; retrying the same
 * bytes can only fail again) or RETRY (5xx, 429, 408, 401/403/404 which a config fix on the next run may
 * cure, and every I/O error), with the collector's wait hint. Immutable.
 */
final class SendResult {
  enum Kind { SENT, REJECTED, RETRY, UNUSABLE }

  final Kind kind;
  /** The collector's Retry-After in millis, or -1. */
  final long waitHintMillis;
  /** Status and the start of the answer, or the I/O error, for a log line; never header values. */
  final String detail;

  private SendResult(Kind kind, long waitHintMillis, String detail) {
    this.kind = kind;
    this.waitHintMillis = waitHintMillis;
    this.detail = detail;
  }

  static SendResult of(CollectorResponse response, long nowMillis) {
    int status = response.status();
    String detail = "HTTP " + status + (response.bodyStart().isEmpty() ? "" : ": " + response.bodyStart());
    if (status >= 200 && status < 300) {
      return new SendResult(Kind.SENT, -1, detail);
    }
    if (status == 400 || status == 413 || status == 422) {
      return new SendResult(Kind.REJECTED, -1, detail);
    }
    return new SendResult(Kind.RETRY, WaitHints.fromHeaders(response.headers(), nowMillis), detail);
  }

  static SendResult failed(Exception cause) {
    String message = cause.getMessage();
    return new SendResult(Kind.RETRY, -1, cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
  }

  /** A batch that cannot even be read back or encoded: never sent, counted as dropped. */
  static SendResult unusable(String why) {
    return new SendResult(Kind.UNUSABLE, -1, why);
  }
}
