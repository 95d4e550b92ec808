package dev.airbag.faultserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Request bodies and a JDK client for the tests. */
final class Requests {
  static final String OPENAI_PATH = "/v1/chat/completions";
  static final String ANTHROPIC_PATH = "/v1/messages";

  private Requests() {}

  static String openAi(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise this.\"}]}";
  }

  static String anthropic(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"max_tokens\":256,\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise this.\"}]}";
  }

  /** Gemini names neither the model nor streaming in the body. */
  static String gemini() {
    return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Summarise this.\"}]}]}";
  }

  static String body(WireFormat format, String model, boolean stream) {
    return switch (format) {
      case ANTHROPIC -> anthropic(model, stream);
      case GEMINI -> gemini();
      default -> openAi(model, stream);
    };
  }

  static String path(WireFormat format, String model, boolean stream) {
    return switch (format) {
      case ANTHROPIC -> ANTHROPIC_PATH;
      case GEMINI -> geminiPath("v1beta", model, stream);
      default -> OPENAI_PATH;
    };
  }

  /** As google-genai asks: {@code /v1beta/models/m:generateContent}, or streamed {@code ?alt=sse}. */
  static String geminiPath(String version, String model, boolean stream) {
    return "/" + version + "/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
  }

  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static HttpRequest.Builder post(FaultServer server, String path, String json) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
  }

  static HttpResponse<String> send(HttpClient client, FaultServer server, WireFormat format, String model,
      boolean stream) throws IOException, InterruptedException {
    return client.send(post(server, path(format, model, stream), body(format, model, stream)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A plan's view of a request, for testing plans without a server. */
  static RequestInfo info(String model, int index, int modelIndex, Duration sinceStart) {
    RecordedRequest request = new RecordedRequest("POST", OPENAI_PATH, new Headers(List.of()), new byte[0], model,
        0L);
    return new RequestInfo(request, WireFormat.OPENAI, false, index, modelIndex, sinceStart);
  }
}
