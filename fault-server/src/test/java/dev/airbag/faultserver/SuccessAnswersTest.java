package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The success answers carry the fields the official SDKs require, plain and streamed. */
class SuccessAnswersTest {
  private static FaultServer server;
  private static final HttpClient CLIENT = Requests.client();

  @BeforeAll
  static void startServer() {
    server = FaultServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void resetServer() {
    server.reset();
    server.plan(FaultPlans.healthy());
  }

  private static String field(String json, String regex) {
    Matcher m = Pattern.compile(regex).matcher(json);
    assertTrue(m.find(), () -> "no match for " + regex + " in " + json);
    return m.group(1);
  }

  @Test
  void openAiCompletionHasTheChatCompletionShape() throws Exception {
    HttpResponse<String> response = Requests.send(CLIENT, server, WireFormat.OPENAI, "gpt-4o", false);

    String json = response.body();
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertTrue(json.startsWith("{\"id\":\"chatcmpl-"), json);
    assertEquals("chat.completion", field(json, "\"object\":\"([^\"]+)\""));
    assertTrue(field(json, "\"created\":(\\d+)").length() >= 10);
    assertEquals("gpt-4o", field(json, "\"model\":\"([^\"]+)\""));
    assertEquals("assistant", field(json, "\"message\":\\{\"role\":\"([^\"]+)\""));
    assertEquals(FaultServer.completionText("gpt-4o"), field(json, "\"content\":\"([^\"]+)\""));
    assertEquals("stop", field(json, "\"finish_reason\":\"([^\"]+)\""));
    int prompt = Integer.parseInt(field(json, "\"prompt_tokens\":(\\d+)"));
    int completion = Integer.parseInt(field(json, "\"completion_tokens\":(\\d+)"));
    assertEquals(prompt + completion, Integer.parseInt(field(json, "\"total_tokens\":(\\d+)")));
  }

  @Test
  void anthropicMessageHasTheMessageShape() throws Exception {
    HttpResponse<String> response = Requests.send(CLIENT, server, WireFormat.ANTHROPIC, "claude-haiku", false);

    String json = response.body();
    assertEquals(200, response.statusCode());
    assertTrue(json.startsWith("{\"id\":\"msg_"), json);
    assertEquals("message", field(json, "\"type\":\"([^\"]+)\""));
    assertEquals("assistant", field(json, "\"role\":\"([^\"]+)\""));
    assertEquals("claude-haiku", field(json, "\"model\":\"([^\"]+)\""));
    assertEquals(FaultServer.completionText("claude-haiku"),
        field(json, "\"content\":\\[\\{\"type\":\"text\",\"text\":\"([^\"]+)\"\\}\\]"));
    assertEquals("end_turn", field(json, "\"stop_reason\":\"([^\"]+)\""));
    assertTrue(Integer.parseInt(field(json, "\"input_tokens\":(\\d+)")) > 0);
    assertTrue(Integer.parseInt(field(json, "\"output_tokens\":(\\d+)")) > 0);
    assertTrue(response.headers().firstValue("request-id").orElseThrow().startsWith("req_"));
  }

  @Test
  void openAiStreamIsChunkDataLinesEndingWithDone() throws Exception {
    HttpResponse<String> response = Requests.send(CLIENT, server, WireFormat.OPENAI, "gpt-4o-mini", true);

    assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
    String[] events = response.body().split("\n\n");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < events.length - 1; i++) {
      String data = events[i];
      assertTrue(data.startsWith("data: {") && !data.contains("\n"), data);
      assertEquals("chat.completion.chunk", field(data, "\"object\":\"([^\"]+)\""));
      assertEquals("gpt-4o-mini", field(data, "\"model\":\"([^\"]+)\""));
      Matcher content = Pattern.compile("\"delta\":\\{[^}]*\"content\":\"([^\"]*)\"").matcher(data);
      if (content.find()) {
        text.append(content.group(1));
      }
    }
    assertEquals("data: [DONE]", events[events.length - 1]);
    assertTrue(events[events.length - 2].contains("\"finish_reason\":\"stop\""));
    assertEquals(FaultServer.completionText("gpt-4o-mini"), text.toString());
  }

  @Test
  void openAiStreamAddsAUsageChunkOnlyWhenAsked() throws Exception {
    String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

    String withUsage = CLIENT.send(Requests.post(server, Requests.OPENAI_PATH, body).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    String without = Requests.send(CLIENT, server, WireFormat.OPENAI, "gpt-4o", true).body();

    assertTrue(withUsage.contains("\"choices\":[],\"usage\":{\"prompt_tokens\""), withUsage);
    assertTrue(!without.contains("\"usage\""), without);
  }

  @Test
  void anthropicStreamIsTheFullEventSequence() throws Exception {
    HttpResponse<String> response = Requests.send(CLIENT, server, WireFormat.ANTHROPIC, "claude-opus", true);

    List<String> names = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String event : response.body().split("\n\n")) {
      String[] lines = event.split("\n");
      assertEquals(2, lines.length, event);
      String name = field(lines[0], "^event: (\\w+)$");
      assertEquals(name, field(lines[1], "^data: \\{\"type\":\"(\\w+)\""), "data type matches event name");
      names.add(name);
      if (name.equals("content_block_delta")) {
        text.append(field(lines[1], "\"text_delta\",\"text\":\"([^\"]*)\""));
      }
    }
    int deltas = names.size() - 5;
    List<String> expected = new ArrayList<>(List.of("message_start", "content_block_start"));
    expected.addAll(java.util.Collections.nCopies(deltas, "content_block_delta"));
    expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
    assertTrue(deltas > 1, "several deltas");
    assertEquals(expected, names);
    assertEquals(FaultServer.completionText("claude-opus"), text.toString());
    assertTrue(response.body().contains("\"stop_reason\":\"end_turn\""));
  }

  @Test
  void geminiAnswerHasTheGenerateContentResponseShape() throws Exception {
    HttpResponse<String> response = postGemini(Requests.geminiPath("v1beta", "gemini-2.5-flash", false));

    String json = response.body();
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals(FaultServer.completionText("gemini-2.5-flash"),
        field(json, "\"candidates\":\\[\\{\"content\":\\{\"parts\":\\[\\{\"text\":\"([^\"]+)\"\\}\\],\"role\":\"model\""));
    assertEquals("STOP", field(json, "\"finishReason\":\"([^\"]+)\""));
    assertEquals("gemini-2.5-flash", field(json, "\"modelVersion\":\"([^\"]+)\""));
    int prompt = Integer.parseInt(field(json, "\"promptTokenCount\":(\\d+)"));
    int candidates = Integer.parseInt(field(json, "\"candidatesTokenCount\":(\\d+)"));
    assertEquals(prompt + candidates, Integer.parseInt(field(json, "\"totalTokenCount\":(\\d+)")));
  }

  @Test
  void geminiStreamIsDataLinesOfPartialResponsesTheLastOneFinished() throws Exception {
    HttpResponse<String> response = postGemini(Requests.geminiPath("v1beta", "gemini-2.5-flash", true));

    assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
    String[] events = response.body().split("\r\n\r\n");
    StringBuilder text = new StringBuilder();
    for (String event : events) {
      assertTrue(event.startsWith("data: {\"candidates\":") && !event.contains("\n"), event);
      text.append(field(event, "\"text\":\"([^\"]*)\""));
    }
    assertTrue(events.length > 1, "several chunks");
    assertTrue(events[events.length - 1].contains("\"finishReason\":\"STOP\""));
    assertTrue(!events[0].contains("finishReason"), events[0]);
    assertEquals(FaultServer.completionText("gemini-2.5-flash"), text.toString());
  }

  @Test
  void geminiCallsOfBothApiVersionsAreCountedAndPlannedByTheModelInThePath() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gemini-2.5-pro", FaultPlans.always(Faults.overloaded())),
        FaultPlans.healthy()));

    HttpResponse<String> primary = postGemini(Requests.geminiPath("v1beta", "gemini-2.5-pro", false));
    HttpResponse<String> primaryV1 = postGemini(Requests.geminiPath("v1", "gemini-2.5-pro", false));
    HttpResponse<String> fallback = postGemini(Requests.geminiPath("v1", "gemini-2.5-flash", false));

    assertEquals(503, primary.statusCode());
    assertEquals(503, primaryV1.statusCode());
    assertEquals("{\"error\":{\"code\":503,\"message\":\"The engine is currently overloaded, please try again later.\","
        + "\"status\":\"UNAVAILABLE\"}}", primary.body());
    assertEquals(200, fallback.statusCode());
    assertEquals(2, server.requestCount("gemini-2.5-pro"));
    assertEquals(1, server.requestCount("gemini-2.5-flash"));
  }

  @ParameterizedTest
  @EnumSource(value = WireFormat.class, names = {"OPENAI", "ANTHROPIC", "GEMINI"})
  void theAnswerNamesTheModelThatServed(WireFormat format) throws Exception {
    String first = Requests.send(CLIENT, server, format, "model-a", false).body();
    String second = Requests.send(CLIENT, server, format, "model-b", false).body();

    assertTrue(first.contains("Summary by model-a: "), first);
    assertTrue(second.contains("Summary by model-b: "), second);
  }

  @Test
  void prefixedBasePathsAreServedToo() throws Exception {
    String body = CLIENT.send(Requests.post(server, "/openai/deployments/d/chat/completions?api-version=1",
        Requests.openAi("gpt-4o", false)).build(), HttpResponse.BodyHandlers.ofString()).body();

    assertTrue(body.contains("\"object\":\"chat.completion\""), body);
    assertEquals(1, server.requestCount("gpt-4o"));
  }

  private static HttpResponse<String> postGemini(String path) throws Exception {
    return CLIENT.send(Requests.post(server, path, Requests.gemini()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
