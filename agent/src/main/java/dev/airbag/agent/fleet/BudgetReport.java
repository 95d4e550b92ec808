package dev.airbag.agent.fleet;

import java.util.Objects;

/**
 * What one instance tells the fleet about one endpoint's retry budget since its last sync: the upstream requests and
 * the retries it granted. Immutable.
 */
final class BudgetReport {
  private final String endpoint;
  private final long requests;
  private final long retries;

  BudgetReport(String endpoint, long requests, long retries) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.requests = requests;
    this.retries = retries;
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
}
