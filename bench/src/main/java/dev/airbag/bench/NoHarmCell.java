package dev.airbag.bench;

import java.util.Map;

/**
 * One cell of the no-harm matrix: an app (its SDK), how it loads the provider, a fault pattern, and whether a
 * healthy fallback model is configured. Immutable.
 */
record NoHarmCell(String client, String load, FaultPattern pattern, boolean fallback) {
  /** Each SDK's primary model and the fallback a chain would name (same wire format: LangChain4j speaks OpenAI). */
  private static final Map<String, String[]> MODELS = Map.of(
      "openai-java", new String[] {"gpt-4o", "gpt-4o-mini"},
      "anthropic-java", new String[] {"claude-sonnet-4-5", "claude-haiku-4-5"},
      "langchain4j", new String[] {"gpt-4o", "gpt-4o-mini"});

  /** A stable name for filters and the results file, e.g. {@code anthropic-java/closed/random-33/none}. */
  String id() {
    return client + "/" + load + "/" + pattern.id() + "/" + (fallback ? "fallback" : "none");
  }

  String primaryModel() {
    return MODELS.get(client)[0];
  }

  String fallbackModel() {
    return MODELS.get(client)[1];
  }

  /**
   * Whether both runs of this cell meet exactly the same faults for the same attempts: true unless the pattern is
   * timed, or it counts requests across calls that an open loop interleaves differently run to run, or the calls
   * share their faults' draw. The closed loop repeats one prompt (so that an app's own identical call is never
   * answered from memory), so a random pattern draws along the primary model's requests in order: in a fallback
   * cell the requests Airbag sends to the healthy fallback take no draw, and the primary's later requests meet other
   * faults than the SDK alone's (openai-java at 50%: 60 requests alone, 62 with Airbag, every call served).
   */
  boolean exact() {
    boolean sharedDraw = fallback && load.equals("closed") && pattern.id().startsWith("random-");
    return !pattern.timed() && !(load.equals("open") && pattern.id().startsWith("burst-")) && !sharedDraw;
  }
}
