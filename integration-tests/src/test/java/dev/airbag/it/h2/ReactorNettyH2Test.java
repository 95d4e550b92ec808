package dev.airbag.it.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.ExternalApp;
import dev.airbag.it.support.Jdks;
import java.nio.file.Path;
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

/**
 * Reactor Netty's {@code HttpClient} over HTTP/2 with TLS (h2 by ALPN): a 503 then a 529 then a 200 reach the app as
 * the 200, over h2, three requests and one recovered event, as over HTTP/1.1.
 */
class ReactorNettyH2Test {
  private static final String APP = "dev.airbag.it.apps.ReactorNettyChatApp";
  private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String OK = "{\"id\":\"chatcmpl-h2\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\"}";

  @TempDir Path dir;
  private TlsProvider provider;
  private final BlockingQueue<MockResponse> chat = new LinkedBlockingQueue<>();
  private final List<Set<String>> chatHeaders = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    provider = TlsProvider.start(dir);
    provider.server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        chatHeaders.add(request.getHeaders().names());
        MockResponse next = chat.poll();
        return next != null ? next : error(500);
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    provider.close();
  }

  @Test
  void aRetried503And529Then200ReachTheAppOverH2() throws Exception {
    chat.add(error(503));
    chat.add(error(529));
    chat.add(new MockResponse().setHeader("Content-Type", "application/json").setBody(OK));
    AgentConfig config = provider.config(dir).fastRetries().set("airbag.circuit.enabled", "false");
    ChildJvm child = ChildJvm.on(Jdks.current()).classpath(ExternalApp.compile("reactor-netty", APP))
        .agentWithConfig(config.write());
    provider.trustArgs().forEach(child::jvmArg);

    ChildJvm.Result with = child.run(APP, provider.url("/v1/chat/completions"), BODY, "h2", "1");

    assertEquals(0, with.exitCode(), with.toString());
    assertTrue(with.stdout().contains("RESULT status=200 protocol=HTTP/2.0 served_by=- body=" + OK), with.toString());
    assertEquals(3, chatHeaders.size(), "two errors, then the answer: " + chatHeaders);
    // MockWebServer keeps HTTP/2's pseudo-headers among a request's headers: every attempt went over h2.
    assertTrue(chatHeaders.stream().allMatch(names -> names.contains(":authority")), chatHeaders.toString());
    List<com.fasterxml.jackson.databind.JsonNode> events = Events.read(config.eventsFile());
    assertEquals("recovered", events.get(0).path("outcome").asText(), events.toString());
    assertEquals(3, events.get(0).path("attempts").asInt(), events.toString());
  }

  private static MockResponse error(int status) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
        .setBody("{\"error\":{\"message\":\"Overloaded\",\"type\":\"server_error\"}}");
  }
}
