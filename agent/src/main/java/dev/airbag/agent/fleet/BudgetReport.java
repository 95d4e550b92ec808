package dev.airbag.agent.fleet;

import java.util.Objects;

/**
 * What one instance tells the fleet about one endpoint's retry budget since its last sync: the upstream requests and
 * the retries it granted, and the budget's window. Immutable.
 */
final class BudgetReport {
  private final String endpoint;
  private final long requests;
  private final long retries;
  private final int windowSeconds;

  BudgetReport(String endpoint, long requests, long retries, int windowSeconds) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.requests = requests;
    this.retries = retries;
    this.windowSeconds = windowSeconds;
  }

  /** The endpoint's digest: the Redis keys never hold endpoint names. */
  String endpoint() {
    return endpoint;
  }

  long requests() {
    return requests;
  }

  long retries() {
    return retries;
  }

  /** The budget's window, over which the fleet's counts are read back. */
  int windowSeconds() {
    return windowSeconds;
  }
}
