package dev.airbag.agent.fleet;

/** One endpoint's requests and retries in the whole fleet over the budget's window, as read at a sync. Immutable. */
final class BudgetView {
  private final long requests;
  private final long retries;

  BudgetView(long requests, long retries) {
    this.requests = requests;
    this.retries = retries;
  }

  long requests() {
    return requests;
  }

  long retries() {
    return retries;
  }
}
