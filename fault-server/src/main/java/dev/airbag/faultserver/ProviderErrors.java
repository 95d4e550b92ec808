package dev.airbag.faultserver;

/**
 * Provider errors that answer in the wire format of the request they hit, so one plan can fail OpenAI, Anthropic,
 * Gemini and Bedrock clients alike (Bedrock: OpenAI's status and message, the exception Bedrock names for it). Each matches a row of the classification table (not found, content policy, context
 * length, quota, auth, server error). Stateless.
 */
public final class ProviderErrors {
  private ProviderErrors() {}

  /**
   * An error given once per format: the OpenAI envelope or the Anthropic one, by the request's path. A Gemini
   * request gets OpenAI's status and message in Google's envelope, its status named as Google names it.
   */
  public static Fault of(int openAiStatus, String openAiType, String openAiCode, String openAiMessage,
      int anthropicStatus, String anthropicType, String anthropicMessage) {
    return of(openAiStatus, openAiType, openAiCode, openAiMessage, anthropicStatus, anthropicType, anthropicMessage,
        openAiMessage);
  }

  /** As {@link #of(int, String, String, String, int, String, String)}, with Gemini's own wording. */
  private static Fault of(int openAiStatus, String openAiType, String openAiCode, String openAiMessage,
      int anthropicStatus, String anthropicType, String anthropicMessage, String geminiMessage) {
    Fault openAi = Faults.openAiError(openAiStatus, openAiType, openAiCode, openAiMessage);
    Fault anthropic = Faults.anthropicError(anthropicStatus, anthropicType, anthropicMessage);
    Fault gemini = Faults.geminiError(openAiStatus, GeminiWire.statusFor(openAiStatus), geminiMessage);
    Fault bedrock = Faults.bedrockError(openAiStatus, BedrockWire.exceptionFor(openAiStatus), openAiMessage);
    return response -> (switch (response.request().format()) {
      case ANTHROPIC -> anthropic;
      case GEMINI -> gemini;
      case BEDROCK -> bedrock;
      default -> openAi;
    }).shape(response);
  }

  /** 404 for a retired or unknown model: OpenAI {@code model_not_found}, Anthropic {@code not_found_error}. */
  public static Fault modelNotFound() {
    return response -> {
      String model = response.request().model();
      of(404, "invalid_request_error", "model_not_found",
          "The model `" + model + "` does not exist or you do not have access to it.",
          404, "not_found_error", "model: " + model).shape(response);
    };
  }

  /** 400 content-policy rejection. */
  public static Fault contentPolicy() {
    return of(400, "invalid_request_error", "content_policy_violation",
        "Your request was rejected as a result of our safety system.",
        400, "invalid_request_error", "Output blocked by content filtering policy",
        "The prompt was blocked due to safety reasons.");
  }

  /** 400 for a prompt longer than the model's context. */
  public static Fault contextLength() {
    return of(400, "invalid_request_error", "context_length_exceeded",
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.",
        400, "invalid_request_error", "prompt is too long: 210412 tokens > 200000 maximum",
        "The input token count (1130512) exceeds the maximum number of tokens allowed (1048576).");
  }

  /** A quota or billing failure: OpenAI 429 {@code insufficient_quota}, Anthropic 400 credit balance. */
  public static Fault quotaExhausted() {
    return of(429, "insufficient_quota", "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details.",
        400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.");
  }

  /** 401 for a bad API key. */
  public static Fault unauthorized() {
    return of(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.",
        401, "authentication_error", "invalid x-api-key");
  }

  /** A server-side failure with {@code status} (500, 502, 503…): {@code server_error} / {@code api_error}. */
  public static Fault serverError(int status) {
    return of(status, "server_error", null, "The server had an error while processing your request.",
        status, "api_error", "Internal server error");
  }
}
