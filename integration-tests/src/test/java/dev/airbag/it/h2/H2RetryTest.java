package dev.airbag.it.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.it.apps.OpenAiChatApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over HTTP/2 with TLS (h2 by ALPN), as over HTTP/1.1: a 503 then a 529 then a 200 reach the app as the 200, three
 * requests and one recovered event per call; an ordinary GET on the same client is the same, sent and received,
 * with and without Airbag. OkHttp, java.net.http send and sendAsync; the build's JDK, Temurin 25 and Java 11;
 * and openai-java on the build's JDK.
 */
class H2RetryTest {
  private static final String[] CASES = {"okhttp", "send", "async"};
  private static final String OK = "{\"id\":\"chatcmpl-h2\",\"object\":\"chat.completion\",\"created\":1,\"model\":"
      + "\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello over h2\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":3,\"total_tokens\":4}}";
  private static final String ERROR = "{\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\"}}";

  @TempDir Path dir;
  private TlsProvider provider;
  private final BlockingQueue<MockResponse> chat = new LinkedBlockingQueue<>();
  private final List<String> others = new ArrayList<>();
  private final List<Set<String>> chatHeaders = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    provider = TlsProvider.start(dir);
    provider.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getPath().startsWith("/v1/chat/completions")) {
          chatHeaders.add(request.getHeaders().names());
          MockResponse next = chat.poll();
          return next != null ? next : error(500);
        }
        synchronized (others) {
          others.add(request.getMethod() + " " + request.getPath() + " " + request.getHeaders() + " body="
              + request.getBody().readUtf8());
        }
        return new MockResponse().setHeader("x-plain", "not an LLM").setBody("plain bytes \u00e9\u4e2d");
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    provider.close();
  }

  @ParameterizedTest(name = "Java {0}")
  @MethodSource("dev.airbag.it.h2.H2Jvms#features")
  void aRetried503And529Then200ReachTheAppAsOverHttp1AndOtherCallsAreUntouched(int feature) throws Exception {
    ChildJvm.Result without = H2Jvms.on(feature, provider, dir).run(H2CallApp.class.getName(), args());
    List<String> othersWithout = drainOthers();
    int requestsBefore = provider.server.getRequestCount();
    for (int i = 0; i < CASES.length; i++) {
      chat.add(error(503));
      chat.add(error(529));
      chat.add(new MockResponse().setHeader("Content-Type", "application/json").setBody(OK));
    }
    AgentConfig config = provider.config(dir).fastRetries().set("airbag.circuit.enabled", "false");
    ChildJvm.Result with = H2Jvms.on(feature, provider, dir).agentWithConfig(config.write())
        .run(H2CallApp.class.getName(), args());

    assertEquals(0, with.exitCode(), with.toString());
    for (String kase : CASES) {
      String result = line(with, "RESULT " + kase + " ");
      assertTrue(result.matches(".* protocol=(h2|HTTP_2) status=200 body=\\Q" + OK + "\\E .*"), with.toString());
    }
    assertEquals(lines(without, "OTHER "), lines(with, "OTHER "), "the app's view of a non-LLM call");
    assertEquals(othersWithout, drainOthers(), "the provider's view of a non-LLM call");
    assertEquals(CASES.length * 4, provider.server.getRequestCount() - requestsBefore, "3 chat attempts and 1 GET each");
    List<JsonNode> events = Events.read(config.eventsFile());
    // Identical events fold into one line with a count, as in the events file of any storm.
    assertEquals(CASES.length, events.stream().mapToInt(event -> event.path("count").asInt(1)).sum(), events.toString());
    for (JsonNode event : events) {
      assertEquals("recovered", event.path("outcome").asText(), event.toString());
      assertEquals(3, event.path("attempts").asInt(), event.toString());
    }
  }

  @Test
  void openAiJavaOverH2GetsTheRetriedAnswer() throws Exception {
    chat.add(error(503));
    chat.add(error(529));
    chat.add(new MockResponse().setHeader("Content-Type", "application/json").setBody(OK));
    AgentConfig config = provider.config(dir).fastRetries().set("airbag.circuit.enabled", "false");

    ChildJvm.Result with = H2Jvms.on(Jdks.current().major(), provider, dir).agentWithConfig(config.write())
        .run(OpenAiChatApp.class.getName(), provider.url("/v1"), "sk-test", "gpt-4o", "sync", "1", "0");

    assertEquals(0, with.exitCode(), with.toString());
    assertTrue(with.stdout().contains("RESULT ok hello over h2"), with.toString());
    assertEquals(3, chatHeaders.size(), "two errors, then the answer: " + chatHeaders);
    // MockWebServer keeps HTTP/2's pseudo-headers among a request's headers: the SDK's calls went over h2.
    assertTrue(chatHeaders.stream().allMatch(names -> names.contains(":authority")), chatHeaders.toString());
    assertEquals("recovered", Events.read(config.eventsFile()).get(0).path("outcome").asText());
  }

  private String[] args() {
    List<String> args = new ArrayList<>(List.of(provider.url("/v1/chat/completions"), provider.url("/plain?q=1")));
    args.addAll(List.of(CASES));
    return args.toArray(new String[0]);
  }

  private List<String> drainOthers() {
    synchronized (others) {
      List<String> copy = List.copyOf(others);
      others.clear();
      return copy;
    }
  }

  private static MockResponse error(int status) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(ERROR);
  }

  private static String line(ChildJvm.Result result, String prefix) {
    return lines(result, prefix).stream().findFirst().orElseThrow(() -> new AssertionError(prefix + ": " + result));
  }

  private static List<String> lines(ChildJvm.Result result, String prefix) {
    List<String> lines = result.stdoutLines().stream().filter(line -> line.startsWith(prefix)).toList();
    System.out.println("[it] " + String.join("\n[it] ", lines));
    return lines;
  }
}
