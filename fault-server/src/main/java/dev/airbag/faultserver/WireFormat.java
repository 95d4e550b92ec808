package dev.airbag.faultserver;

/**
 * Which provider's wire format a request speaks, decided by the path's last segments so that base URLs with
 * a prefix ({@code /openai/v1/chat/completions}, an Azure deployment path) are served too.
 */
public enum WireFormat {
  /** {@code POST …/chat/completions}. */
  OPENAI,
  /** {@code POST …/messages}. */
  ANTHROPIC,
  /** {@code POST …/models/{model}:generateContent} and {@code :streamGenerateContent}, any API version. */
  GEMINI,
  /**
   * {@code POST /model/{modelId}/converse}, {@code /converse-stream} or {@code /invoke}: Amazon Bedrock runtime's
   * Converse, ConverseStream and InvokeModel.
   */
  BEDROCK,
  /** Anything else: health checks and unknown paths, never seen by a plan. */
  OTHER;

  /** The format of a request for {@code path} (query string allowed) sent with {@code method}. */
  public static WireFormat of(String method, String path) {
    if (!"POST".equals(method)) {
      return OTHER;
    }
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    if (bare.endsWith("/chat/completions")) {
      return OPENAI;
    }
    if (bare.endsWith("/v1/messages") || bare.equals("/messages")) {
      return ANTHROPIC;
    }
    if (GeminiWire.matches(bare)) {
      return GEMINI;
    }
    if (BedrockWire.matches(bare)) {
      return BEDROCK;
    }
    return OTHER;
  }
}
