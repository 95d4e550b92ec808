package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 framing clients rely on: keep-alive, request bodies, closing, routing. */
class HttpProtocolTest {
  private FaultServer server;

  @BeforeEach
  void startServer() {
    server = FaultServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void oneConnectionCarriesSeveralRequestsIncludingStreams() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post(Requests.OPENAI_PATH, Requests.openAi("a", false)));
      RawHttp.Response first = http.read();
      http.send(RawHttp.post(Requests.ANTHROPIC_PATH, Requests.anthropic("b", true)));
      RawHttp.Response second = http.read();
      http.send(RawHttp.post(Requests.OPENAI_PATH, Requests.openAi("a", false)));
      RawHttp.Response third = http.read();

      assertEquals(List.of(200, 200, 200), List.of(first.status(), second.status(), third.status()));
      assertTrue(second.text().endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
      assertNull(third.header("Connection"));
    }
    assertEquals(1, server.connectionCount());
    assertEquals(3, server.requestCount());
  }

  @Test
  void thePeakOfOpenConnectionsCountsThoseOpenAtOnce() throws Exception {
    try (RawHttp a = new RawHttp(server.port()); RawHttp b = new RawHttp(server.port());
        RawHttp c = new RawHttp(server.port())) {
      for (RawHttp http : List.of(a, b, c)) {
        http.send(RawHttp.post(Requests.OPENAI_PATH, Requests.openAi("m", false)));
        assertEquals(200, http.read().status());
      }

      assertEquals(3, server.peakOpenConnections());
    }
  }

  @Test
  void theJdkClientReusesItsConnection() throws Exception {
    HttpClient client = Requests.client();

    for (int i = 0; i < 5; i++) {
      assertEquals(200, Requests.send(client, server, WireFormat.OPENAI, "m", i % 2 == 0).statusCode());
    }

    assertEquals(1, server.connectionCount());
  }

  @Test
  void aChunkedRequestBodyIsDecodedWithExtensionsAndTrailers() throws Exception {
    String json = Requests.anthropic("claude-chunked", false);
    String first = json.substring(0, 10);
    String rest = json.substring(10);
    String request = "POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + Integer.toHexString(first.length()) + ";ext=1\r\n" + first + "\r\n"
        + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\nX-Trailer: t\r\n\r\n";

    try (RawHttp http = new RawHttp(server.port())) {
      http.send(request);
      RawHttp.Response response = http.read();

      assertTrue(response.text().contains("Summary by claude-chunked"), response.text());
    }
    RecordedRequest recorded = server.requests().get(0);
    assertEquals(json, recorded.bodyText());
    assertEquals("claude-chunked", recorded.model());
    assertEquals("chunked", recorded.headers().get("transfer-encoding"));
  }

  @Test
  void connectionCloseIsHonouredAfterTheResponse() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post(Requests.OPENAI_PATH, Requests.openAi("m", false), "Connection: close\r\n"));
      RawHttp.Response response = http.read();

      assertEquals("close", response.header("Connection"));
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void aClosingFaultClosesAKeepAliveConnection() throws Exception {
    server.plan(FaultPlans.always(Faults.closingConnection(Faults.success())));

    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post(Requests.OPENAI_PATH, Requests.openAi("m", false)));

      assertEquals("close", http.read().header("Connection"));
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void http10ClosesByDefault() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("GET /health HTTP/1.0\r\n\r\n");

      assertEquals("ok", http.read().text());
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void expectContinueGetsAnInterimResponse() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      String json = Requests.openAi("m", false);
      http.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
          + json.length() + "\r\n\r\n");
      RawHttp.Response interim = http.read();
      http.send(json);

      assertEquals(100, interim.status());
      assertEquals(200, http.read().status());
    }
  }

  @Test
  void healthAndUnknownPathsAreRecordedButNotCounted() throws Exception {
    HttpClient client = Requests.client();

    HttpResponse<String> health = client.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(server.baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unknown = client.send(Requests.post(server, "/v1/embeddings", "{\"model\":\"e\"}")
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, health.statusCode());
    assertEquals("ok", health.body());
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.body().startsWith("{\"error\":{\"message\":\"no route for POST /v1/embeddings\""));
    assertEquals(0, server.requestCount());
    assertEquals(List.of("/health", "/v1/embeddings"), server.requests().stream().map(RecordedRequest::path)
        .toList());
  }

  @Test
  void aMalformedRequestGetsA400AndAClose() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send("NONSENSE\r\n\r\n");
      RawHttp.Response response = http.read();

      assertEquals(400, response.status());
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void recordedRequestsKeepMethodTargetHeadersBodyAndArrivalOrder() throws Exception {
    try (RawHttp http = new RawHttp(server.port())) {
      http.send(RawHttp.post("/v1/chat/completions?x=1", Requests.openAi("m1", false), "X-Multi: a\r\n",
          "x-multi: b\r\n"));
      http.read();
      http.send(RawHttp.post(Requests.OPENAI_PATH, Requests.openAi("m2", false)));
      http.read();
    }

    List<RecordedRequest> requests = server.requests();
    RecordedRequest first = requests.get(0);
    assertEquals("POST", first.method());
    assertEquals("/v1/chat/completions?x=1", first.target());
    assertEquals("/v1/chat/completions", first.path());
    assertEquals(List.of("a", "b"), first.headers().all("X-MULTI"));
    assertEquals(Requests.openAi("m1", false), first.bodyText());
    assertEquals(List.of("m1", "m2"), requests.stream().map(RecordedRequest::model).toList());
    assertTrue(requests.get(1).arrivalNanos() > first.arrivalNanos());
    assertFalse(first.headers().first("missing").isPresent());
  }
}
