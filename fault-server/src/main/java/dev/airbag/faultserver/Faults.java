package dev.airbag.faultserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Factories for {@link Fault}s: success, provider-shaped errors, and transport misbehaviour (drops, cuts,
 * delays, trickles, gzip). Errors named without a provider ({@link #overloaded()}, {@link #rateLimited(int)},
 * {@link ProviderErrors}) answer in the wire format of the request they hit. All faults are stateless.
 */
public final class Faults {
  private static final Fault SUCCESS = Faults::renderSuccess;

  private Faults() {}

  /**
   * The provider's normal answer for the request: a JSON body, or the full SSE sequence when it streams. Always
   * the same instance, so a plan can tell "no fault" by identity.
   */
  public static Fault success() {
    return SUCCESS;
  }

  /** A plain answer with {@code code}, {@code body} (JSON unless a Content-Type is given) and headers. */
  public static Fault status(int code, String body, Map<String, String> headers) {
    Map<String, String> extra = Map.copyOf(headers);
    return response -> {
      String type = extra.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
          .map(Map.Entry::getValue).findFirst().orElse("application/json");
      response.answer(code, type, body.getBytes(StandardCharsets.UTF_8));
      extra.forEach(response::header);
    };
  }

  /** An OpenAI error envelope {@code {"error":{message,type,param,code}}}; {@code code} may be null. */
  public static Fault openAiError(int status, String type, String code, String message) {
    return response -> response.json(status, OpenAiWire.error(type, code, message, null));
  }

  /** An Anthropic error envelope {@code {"type":"error","error":{type,message}}}. */
  public static Fault anthropicError(int status, String type, String message) {
    return response -> response.json(status, AnthropicWire.error(type, message));
  }

  /** A Google API error envelope {@code {"error":{code,message,status}}}, as Gemini answers. */
  public static Fault geminiError(int code, String status, String message) {
    return response -> response.json(code, GeminiWire.error(code, status, message));
  }

  /** AWS's JSON error, as Bedrock answers: the exception named in {@code x-amzn-ErrorType}, the text in the body. */
  public static Fault bedrockError(int status, String exception, String message) {
    return response -> response.json(status, BedrockWire.error(message)).header("x-amzn-ErrorType",
        exception + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
  }

  /** Anthropic's 529 {@code overloaded_error}, whatever the request's format. */
  public static Fault anthropicOverloaded() {
    return anthropicError(529, "overloaded_error", "Overloaded");
  }

  /** Overloaded in the request's format: Anthropic's 529, or OpenAI's 503 "engine is overloaded". */
  public static Fault overloaded() {
    return ProviderErrors.of(503, "server_error", null,
        "The engine is currently overloaded, please try again later.", 529, "overloaded_error", "Overloaded");
  }

  /** A 429 rate-limit error in the request's format with {@code Retry-After: seconds}. */
  public static Fault rateLimited(int retryAfterSeconds) {
    return ProviderErrors.of(429, "requests", "rate_limit_exceeded",
            "Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1.",
            429, "rate_limit_error", "This request would exceed your organization's rate limit.")
        .then(response -> response.header("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  /**
   * An error with a huge plain-text body: {@code status} and {@code bytes} of numbered log lines, as a proxy that
   * dumps its logs into an error might send. The server makes the body up as it writes it, so any size is cheap.
   */
  public static Fault hugeBody(int status, long bytes) {
    return response -> response.filler(status, bytes);
  }

  /** Close the connection after reading the request, before any response byte (the client sees EOF). */
  public static Fault dropBeforeFirstByte() {
    return response -> response.end(ResponseSpec.Ending.DROP, 0);
  }

  /** Reset the connection (TCP RST) after reading the request, before any response byte. */
  public static Fault resetBeforeFirstByte() {
    return response -> response.end(ResponseSpec.Ending.RESET, 0);
  }

  /** A successful answer whose first byte comes after {@code delay}. */
  public static Fault delayFirstByte(Duration delay) {
    return delayFirstByte(delay, success());
  }

  /** {@code fault}, its first byte coming after {@code delay}. */
  public static Fault delayFirstByte(Duration delay, Fault fault) {
    return fault.then(response -> response.firstByteDelay(delay));
  }

  /**
   * A successful answer cut abruptly after {@code events} SSE events (no terminating chunk). A request that
   * does not stream gets its headers and the first {@code events} bytes of a Content-Length body instead.
   */
  public static Fault cutStreamAfter(int events) {
    return response -> response.end(ResponseSpec.Ending.CUT, events);
  }

  /**
   * A 200 stream that sends {@code afterEvents} normal events, then an error event in the request's format
   * ({@code event: error} for Anthropic, a {@code data: {"error":...}} line for OpenAI), then ends cleanly.
   * A request that does not stream gets the same error as a plain answer instead: 529 for Anthropic's
   * {@code overloaded_error}, else 500.
   */
  public static Fault streamErrorEvent(int afterEvents, String type, String message) {
    return response -> {
      RequestInfo request = response.request();
      boolean anthropic = request.format() == WireFormat.ANTHROPIC;
      boolean gemini = request.format() == WireFormat.GEMINI;
      if (!response.streaming()) {
        int status = anthropic && "overloaded_error".equals(type) ? 529 : 500;
        if (request.format() == WireFormat.BEDROCK) {
          bedrockError(status, BedrockWire.exceptionFor(status), message).shape(response);
          return;
        }
        response.json(status, anthropic ? AnthropicWire.error(type, message)
            : gemini ? GeminiWire.error(status, GeminiWire.statusFor(status), message)
            : OpenAiWire.error(type, null, message, null));
        return;
      }
      List<String> events = new ArrayList<>(response.eventList().subList(0,
          Math.min(afterEvents, response.eventList().size())));
      events.add(anthropic ? AnthropicWire.streamError(type, message)
          : gemini ? GeminiWire.streamError(500, GeminiWire.statusFor(500), message)
          : OpenAiWire.streamError(type, null, message));
      response.events(200, events);
    };
  }

  /** A mid-stream overload after two events, in the request's format. */
  public static Fault streamErrorEvent() {
    return response -> streamErrorEvent(2,
        response.request().format() == WireFormat.ANTHROPIC ? "overloaded_error" : "server_error",
        "Overloaded").shape(response);
  }

  /** A successful answer trickled out: 16-byte chunks (SSE: one event per chunk), {@code perChunk} apart. */
  public static Fault slowBody(Duration perChunk) {
    return slowBody(perChunk, 16, success());
  }

  /** {@code fault} with its body trickled out in {@code chunkBytes}-byte chunks, {@code perChunk} apart. */
  public static Fault slowBody(Duration perChunk, int chunkBytes, Fault fault) {
    return fault.then(response -> response.slowly(perChunk, chunkBytes));
  }

  /** {@code fault} with its status line and headers trickled out over {@code total}. */
  public static Fault slowHead(Duration total, Fault fault) {
    return fault.then(response -> response.slowHead(total));
  }

  /** {@code fault} with a plain body sent gzip-encoded ({@code Content-Encoding: gzip}). */
  public static Fault gzipped(Fault fault) {
    return fault.then(ResponseSpec::gzip);
  }

  /** {@code fault} with header {@code name} set to {@code value}. */
  public static Fault withHeader(Fault fault, String name, String value) {
    return fault.then(response -> response.header(name, value));
  }

  /** {@code fault} answered with {@code Connection: close}, the connection closed afterwards. */
  public static Fault closingConnection(Fault fault) {
    return fault.then(ResponseSpec::closeConnection);
  }

  private static void renderSuccess(ResponseSpec response) {
    RequestInfo request = response.request();
    if (request.format() == WireFormat.GEMINI) {
      renderGeminiSuccess(response);
      return;
    }
    if (request.format() == WireFormat.BEDROCK) {
      response.header("x-amzn-RequestId", "req-fault-" + request.index());
      Completion completion = Completion.forRequest(request, "bedrock-fault-");
      if (BedrockWire.streams(request.path())) {
        response.answer(200, AwsEventStream.CONTENT_TYPE, BedrockWire.streamEvents(completion));
      } else {
        response.json(200, BedrockWire.response(completion, request.path()));
      }
      return;
    }
    boolean anthropic = request.format() == WireFormat.ANTHROPIC;
    Completion completion = Completion.forRequest(request, anthropic ? "msg_fault_" : "chatcmpl-fault-");
    response.header(anthropic ? "request-id" : "x-request-id", "req_fault_" + request.index());
    if (!request.stream()) {
      response.json(200, anthropic ? AnthropicWire.message(completion) : OpenAiWire.completion(completion));
    } else if (anthropic) {
      response.events(200, AnthropicWire.events(completion));
    } else {
      boolean usage = RequestFields.read(request.request().bodyText()).includeUsage();
      response.events(200, OpenAiWire.chunks(completion, usage));
    }
  }

  private static void renderGeminiSuccess(ResponseSpec response) {
    RequestInfo request = response.request();
    Completion completion = Completion.forRequest(request, "gen-fault-");
    if (request.stream()) {
      response.events(200, GeminiWire.chunks(completion));
    } else {
      response.json(200, GeminiWire.response(completion));
    }
  }
}
