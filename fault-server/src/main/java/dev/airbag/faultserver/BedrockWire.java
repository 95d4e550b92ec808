package dev.airbag.faultserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon Bedrock runtime's Converse, ConverseStream and InvokeModel APIs in the shapes {@code
 * software.amazon.awssdk:bedrockruntime} parses: a {@code ConverseResponse} (for InvokeModel, an Anthropic message;
 * for ConverseStream, its events in AWS's binary event stream), and AWS's JSON error, the exception named in {@code
 * x-amzn-ErrorType} and the text in {@code {"message"}}. Bedrock names the model in the path ({@code
 * /model/{modelId}/converse}, {@code /converse-stream} or {@code /invoke}, the id URL-encoded), not in the body.
 * Stateless.
 */
final class BedrockWire {
  private static final Pattern MODEL = Pattern.compile("/model/([^/]+)/");

  private BedrockWire() {}

  /** Whether a path (no query string) is a Bedrock Converse, ConverseStream or InvokeModel call. */
  static boolean matches(String bare) {
    return bare.startsWith("/model/")
        && (bare.endsWith("/converse") || bare.endsWith("/converse-stream") || bare.endsWith("/invoke"));
  }

  /** Whether a path (query string allowed) is a ConverseStream call. */
  static boolean streams(String path) {
    int query = path.indexOf('?');
    return (query < 0 ? path : path.substring(0, query)).endsWith("/converse-stream");
  }

  /** ConverseStream's events for a completion: the message's start, its text in one delta, its stop, the usage. */
  static byte[] streamEvents(Completion c) {
    return AwsEventStream.encode(List.of(
        new AwsEventStream.Event("messageStart", "{\"role\":\"assistant\"}"),
        new AwsEventStream.Event("contentBlockDelta",
            "{\"contentBlockIndex\":0,\"delta\":{\"text\":" + JsonStrings.quote(c.text()) + "}}"),
        new AwsEventStream.Event("contentBlockStop", "{\"contentBlockIndex\":0}"),
        new AwsEventStream.Event("messageStop", "{\"stopReason\":\"end_turn\"}"),
        new AwsEventStream.Event("metadata", "{\"usage\":{\"inputTokens\":" + c.inputTokens()
            + ",\"outputTokens\":" + c.outputTokens() + ",\"totalTokens\":" + (c.inputTokens() + c.outputTokens())
            + "},\"metrics\":{\"latencyMs\":12}}")));
  }

  /**
   * The answer to a call on {@code path}: a {@code ConverseResponse}, or for InvokeModel the model's own JSON, here
   * an Anthropic message (InvokeModel's body is the model family's, and the tests call Claude models with it).
   */
  static String response(Completion c, String path) {
    return path.endsWith("/invoke") ? AnthropicWire.message(c) : response(c);
  }

  /** The model id named in the path, decoded, or {@code ""}. */
  static String model(String path) {
    Matcher matcher = MODEL.matcher(path);
    return matcher.find() ? URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8) : "";
  }

  static String response(Completion c) {
    return "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":" + JsonStrings.quote(c.text())
        + "}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":" + c.inputTokens() + ",\"outputTokens\":"
        + c.outputTokens() + ",\"totalTokens\":" + (c.inputTokens() + c.outputTokens()) + "},"
        + "\"metrics\":{\"latencyMs\":12}}";
  }

  static String error(String message) {
    return "{\"message\":" + JsonStrings.quote(message) + "}";
  }

  /** The exception Bedrock names for an HTTP status, as its API reference lists them. */
  static String exceptionFor(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> "ValidationException";
      case 403 -> "AccessDeniedException";
      case 404 -> "ResourceNotFoundException";
      case 408 -> "ModelTimeoutException";
      case 424 -> "ModelErrorException";
      case 429 -> "ThrottlingException";
      case 503 -> "ServiceUnavailableException";
      default -> "InternalServerException";
    };
  }
}
