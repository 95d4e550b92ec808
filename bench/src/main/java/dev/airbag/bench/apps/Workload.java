package dev.airbag.bench.apps;

/** One kind of call a happy-path run repeats: each {@link #call()} is one complete request and response. */
public interface Workload extends AutoCloseable {
  /** Makes one call and checks its answer, so that a broken call cannot pass for a fast one. */
  void call() throws Exception;

  @Override
  void close();

  /** The workload of a name the driver passes: {@code openai}, {@code resilience4j}, {@code okhttp}, {@code jdk},
   * {@code anthropic}, {@code langchain4j}, {@code apache5}, {@code apache5async}, {@code apache4},
   * {@code reactornetty}, {@code urlconnection}, {@code urlconnection-buffered}. */
  static Workload named(String name, String llmBaseUrl, String otherBaseUrl) {
    switch (name) {
      case "openai":
        return new OpenAiWorkload(llmBaseUrl);
      case "resilience4j":
        return new Resilience4jWorkload(llmBaseUrl);
      case "okhttp":
        return new OkHttpWorkload(otherBaseUrl);
      case "jdk":
        return new JdkHttpWorkload(llmBaseUrl);
      case "anthropic":
        return new SdkWorkload(MatrixClient.named("anthropic-java", llmBaseUrl, "claude-3-5-haiku-latest"));
      case "langchain4j":
        return new SdkWorkload(MatrixClient.named("langchain4j", llmBaseUrl, OpenAiWorkload.MODEL));
      case "apache5":
        return new ApacheClient5Workload(llmBaseUrl);
      case "apache5async":
        return new ApacheAsyncClient5Workload(llmBaseUrl);
      case "apache4":
        return new ApacheClient4Workload(llmBaseUrl);
      case "reactornetty":
        return new ReactorNettyWorkload(llmBaseUrl);
      case "urlconnection":
        return new UrlConnectionWorkload(llmBaseUrl, true);
      case "urlconnection-buffered":
        return new UrlConnectionWorkload(llmBaseUrl, false);
      default:
        throw new IllegalArgumentException("unknown workload " + name + "; one of openai, resilience4j, okhttp, jdk, anthropic, langchain4j, apache5, apache5async, apache4, reactornetty, urlconnection, urlconnection-buffered");
    }
  }
}
