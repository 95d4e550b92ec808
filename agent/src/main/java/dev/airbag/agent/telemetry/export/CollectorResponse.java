package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.engine.classify.HeaderLookup;

/** A collector's answer: status, headers (for Retry-After) and the start of its body, for logs. Immutable. */
final class CollectorResponse {
  private final int status;
  private final HeaderLookup headers;
  private final String bodyStart;

  CollectorResponse(int status, HeaderLookup headers, String bodyStart) {
    this.status = status;
    this.headers = headers;
    this.bodyStart = bodyStart;
  }

  int status() {
    return status;
  }

  HeaderLookup headers() {
    return headers;
  }

  /** At most the first few hundred characters of the body, control characters replaced. */
  String bodyStart() {
    return bodyStart;
  }
}
