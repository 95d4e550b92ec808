package dev.airbag.bench.apps;

/** One call through an SDK as the no-harm matrix builds it ({@link MatrixClient}), checked for a non-empty answer. */
final class SdkWorkload implements Workload {
  private static final String PROMPT = "Summarise this loan application in two sentences for the underwriter.";

  private final MatrixClient client;

  SdkWorkload(MatrixClient client) {
    this.client = client;
  }

  @Override
  public void call() throws Exception {
    if (client.call(PROMPT).isEmpty()) {
      throw new IllegalStateException("empty answer");
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
