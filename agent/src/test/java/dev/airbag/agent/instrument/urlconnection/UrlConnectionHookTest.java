package dev.airbag.agent.instrument.urlconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.testing.TestPipelines;
import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.CallRecord;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.EndpointRegistry;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.endpoint.UncoveredLlmCalls;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.engine.retry.Jitter;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.instrument.InternalErrorLog;
import dev.airbag.agent.instrument.LlmTraffic;
import dev.airbag.bootstrap.HookResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hook driven as the advice drives it, on real connections to a loopback server: each hooked method asks the
 * hook first and runs itself only on a null answer.
 */
class UrlConnectionHookTest {
  private static final String PRIMARY = "{\"model\":\"gpt-4o\",\"messages\":[]}";
  private static final String OVERLOADED = "{\"error\":{\"type\":\"server_error\",\"message\":\"overloaded\"}}";

  private final List<CallRecord> calls = new CopyOnWriteArrayList<>();
  private ScriptedServer server;
  private int port;
  private UrlConnectionHook hook;

  @AfterEach
  void stop() {
    server.close();
  }

  private void start(java.util.function.Function<String, ScriptedServer.Answer> script) throws IOException {
    start(script, (app, into) -> true);
  }

  private void start(java.util.function.Function<String, ScriptedServer.Answer> script,
      ConnectionSettings.TransportReader transport) throws IOException {
    start(script, transport, null, -1, null);
  }

  /** @param endpointPort the endpoint's port, or -1 for the server's */
  private void start(java.util.function.Function<String, ScriptedServer.Answer> script,
      ConnectionSettings.TransportReader transport, Duration firstByteTimeout, int endpointPort,
      CircuitBreakers circuits) throws IOException {
    server = new ScriptedServer(script);
    port = endpointPort == -1 ? server.port() : endpointPort;
    Endpoint endpoint = Endpoint.onHost("fake", Provider.OPENAI, "127.0.0.1", port, "/v1");
    CallPipeline.Builder builder = TestPipelines.builder(new Classifier(ClassificationRules.NONE, Clock.SYSTEM),
            calls::add, Clock.SYSTEM)
        .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Jitter.NONE, Duration.ZERO,
            Duration.ofSeconds(5)))
        .fallback(new FallbackPolicy(Map.of("gpt-4o", List.of("gpt-4o-mini")), Map.of(),
            EnumSet.of(Category.OVERLOADED, Category.CIRCUIT_OPEN)))
        .firstByteTimeout(firstByteTimeout);
    if (circuits != null) {
      builder.breakers(circuits);
    }
    CallPipeline pipeline = builder.build();
    LlmTraffic traffic = new LlmTraffic(new EndpointRegistry(List.of(endpoint)),
        new UncoveredLlmCalls(List.of(endpoint), false, line -> {}), pipeline, 64, new InternalErrorLog());
    hook = new UrlConnectionHook(traffic, transport);
  }

  @Test
  void anOverloadedPrimaryIsServedByTheFallbackThroughTheAppsOwnConnection() throws Exception {
    start(body -> body.contains("\"gpt-4o\"") ? new ScriptedServer.Answer(503, "application/json", OVERLOADED)
        : new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}"));

    HttpURLConnection app = post("/v1/chat/completions", PRIMARY);

    assertEquals("{\"ok\":true}", text((InputStream) call(app, "getInputStream", null)));
    assertEquals("gpt-4o-mini", call(app, "getHeaderField", "x-airbag-served-model"));
    assertTrue(((String) call(app, "getHeaderField", 0)).contains(" 200 "));
    assertEquals("application/json", call(app, "getHeaderField", "content-type"));
    assertTrue(server.bodies.size() <= 3, "attempts: " + server.bodies);
    assertEquals(PRIMARY.replace("gpt-4o", "gpt-4o-mini"), server.bodies.get(server.bodies.size() - 1));
    assertEquals(List.of("Bearer sk-test"), server.authorizations.subList(0, 1));
    assertEquals("gpt-4o-mini", calls.get(0).servedModel());
  }

  /** Served by the app's own connection, or by a retry on one of Airbag's after the app's got a 503. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSuccessAnswersEveryHeaderGetterAsTheJdksOwnConnectionDoesEvenAfterADisconnect(boolean retried)
      throws Exception {
    AtomicInteger requests = new AtomicInteger();
    start(body -> retried && requests.incrementAndGet() == 2
        ? new ScriptedServer.Answer(503, "application/json", "{}")
        : new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}")
            .withHeader("x-request-id", "req_1").withHeader("x-ratelimit-remaining", "9")
            .withHeader("x-ratelimit-remaining", "8"));
    HttpURLConnection plain = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + "/v1/chat/completions")
        .openConnection();
    plain.setRequestMethod("POST");
    plain.setDoOutput(true);
    try (OutputStream out = plain.getOutputStream()) {
      out.write(PRIMARY.getBytes(StandardCharsets.UTF_8));
    }
    HttpURLConnection app = post("/v1/chat/completions", PRIMARY);

    assertEquals(text(plain.getInputStream()), text((InputStream) call(app, "getInputStream", null)));
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 8; i++) {
        assertEquals(plain.getHeaderFieldKey(i), call(app, "getHeaderFieldKey", i), "key " + i);
        if (!"Date".equalsIgnoreCase(plain.getHeaderFieldKey(i))) {
          assertEquals(plain.getHeaderField(i), call(app, "getHeaderField", i), "value " + i);
        }
      }
      assertEquals("8", call(app, "getHeaderField", "X-RateLimit-Remaining"), "the last value, as the JDK answers");
      assertEquals(plain.getHeaderField("x-request-id"), call(app, "getHeaderField", "x-request-id"));
      assertNull(call(app, "getHeaderField", "x-absent"));
      @SuppressWarnings("unchecked")
      Map<String, List<String>> fields = (Map<String, List<String>>) call(app, "getHeaderFields", null);
      assertEquals(plain.getHeaderFields().get("X-ratelimit-remaining"), fields.get("X-ratelimit-remaining"));
      assertEquals(plain.getHeaderFields().keySet(), fields.keySet());
      // As the advice does: the hook hears of it first, then the JDK's own method runs.
      hook.on("disconnect", app, null, null);
      app.disconnect();
      plain.disconnect();
    }
    assertEquals(retried ? 3 : 2, server.bodies.size(), "reading headers after a disconnect sends nothing");
  }

  @Test
  void aFinalErrorReachesTheAppAsTheJdkGivesIt() throws Exception {
    start(body -> new ScriptedServer.Answer(503, "application/json", OVERLOADED));

    HttpURLConnection app = post("/v1/chat/completions", "{\"model\":\"o3\"}");

    IOException thrown = assertThrows(IOException.class, () -> call(app, "getInputStream", null));
    assertTrue(thrown.getMessage().startsWith("Server returned HTTP response code: 503 for URL: "), thrown.getMessage());
    assertEquals(OVERLOADED, text((InputStream) call(app, "getErrorStream", null)));
    assertEquals(3, server.bodies.size());
  }

  @Test
  void anErrorBodyLongerThanTheClassificationBoundReachesTheAppWhole() throws Exception {
    String longError = "{\"error\":{\"message\":\"" + "x".repeat(500) + "\"}}";
    start(body -> new ScriptedServer.Answer(400, "application/json", longError));

    HttpURLConnection app = post("/v1/chat/completions", PRIMARY);
    call(app, "getHeaderFields", null);

    assertEquals(longError, text((InputStream) call(app, "getErrorStream", null)));
    assertEquals(1, server.bodies.size(), "a bad request is not retried");
  }

  @Test
  void aConnectionToAnotherPathIsNeverWatched() throws Exception {
    start(body -> new ScriptedServer.Answer(200, "text/plain", "ok"));
    HttpURLConnection other = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + "/health")
        .openConnection();
    other.setDoOutput(true);

    assertNull(hook.on("setRequestProperty", other, "Content-Type", "application/json"));
    assertNull(hook.on("getOutputStream", other, null, null));
    assertNull(hook.on("getInputStream", other, null, null));
  }

  @Test
  void aBodyPastTheBoundGoesToTheAppsOwnConnection() throws Exception {
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}"));
    String big = "{\"model\":\"gpt-4o\",\"pad\":\"" + "y".repeat(200) + "\"}";

    HttpURLConnection app = post("/v1/chat/completions", big);

    assertNull(hook.on("getInputStream", app, null, null), "the app's own connection reads its own answer");
    assertEquals("{\"ok\":true}", text(app.getInputStream()));
    assertEquals(List.of(big), server.bodies);
  }

  @Test
  void whenAirbagFailsTheAppsOwnConnectionSendsItsOwnRequest() throws Exception {
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}"), (app, into) -> {
      throw new IllegalStateException("a bug inside Airbag");
    });

    HttpURLConnection app = post("/v1/chat/completions", PRIMARY);

    assertNull(hook.on("getInputStream", app, null, null), "the method runs itself");
    assertEquals(200, app.getResponseCode());
    assertEquals("{\"ok\":true}", text(app.getInputStream()));
    assertEquals(List.of(PRIMARY), server.bodies);
    assertEquals(List.of("Bearer sk-test"), server.authorizations);
  }

  @Test
  void aStreamedAnswerReachesTheAppAsItIsReadAndAnErrorEventInItIsReported() throws Exception {
    String events = "data: {\"choices\":[]}\n\ndata: {\"error\":{\"type\":\"server_error\",\"message\":\"x\"}}\n\n";
    start(body -> new ScriptedServer.Answer(200, "text/event-stream", events));

    HttpURLConnection app = post("/v1/chat/completions", "{\"model\":\"gpt-4o\",\"stream\":true}");

    assertEquals(events, text((InputStream) call(app, "getInputStream", null)));
    assertEquals(2, calls.size(), "the served call, then the error event inside its stream: " + calls);
    assertEquals(Outcome.STREAM_INTERRUPTED, calls.get(1).outcome());
  }

  @Test
  void theAppsConnectConnectsOnlyWhenTheJdksOwnGetOutputStreamRuns() throws Exception {
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}"));
    HttpURLConnection app = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/v1/chat/completions")
        .openConnection();
    app.setDoOutput(true);
    header(app, "Content-Type", "application/json");

    HookResult connect = hook.on("connect", app, null, null);
    assertTrue(connect != null && connect.value() == null, "the app's own connect is put off");
    assertNull(hook.on("getOutputStream", app, null, null), "the JDK's own getOutputStream runs");
    assertNull(hook.on("connect", app, null, null), "and the connect it makes");
  }

  @Test
  void theAppsOwnConnectionCarriesTheFirstAttemptAndAnswersForItself() throws Exception {
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}")
        .withHeader("x-request-id", "req_1"));

    HttpURLConnection app = post("/v1/chat/completions", PRIMARY);

    assertNull(hook.on("getInputStream", app, null, null), "the call ran and the app's connection has its answer");
    assertEquals("{\"ok\":true}", text(app.getInputStream()));
    assertNull(hook.on("getHeaderField", app, "x-request-id", null));
    assertEquals("req_1", app.getHeaderField("x-request-id"));
    assertEquals(200, app.getResponseCode());
    assertEquals(List.of(PRIMARY), server.bodies);
    assertEquals(1, calls.size());
    assertEquals(Outcome.SUCCEEDED, calls.get(0).outcome());
  }

  @Test
  void aConnectionHandedToAnotherThreadAnswersForItselfOnTheFirstOnceTheCallRanThere() throws Exception {
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}")
        .withHeader("x-request-id", "req_1"));
    // Written on this thread, which now knows the connection's watched state.
    HttpURLConnection app = post("/v1/chat/completions", PRIMARY);

    java.util.concurrent.FutureTask<HookResult> read =
        new java.util.concurrent.FutureTask<>(() -> hook.on("getInputStream", app, null, null));
    Thread other = new Thread(read);
    other.start();
    other.join();

    assertNull(read.get(), "the call ran on the other thread and the app's connection has its answer");
    // This thread's memory of the state must not make Airbag answer, or run the call, again.
    assertNull(hook.on("getHeaderField", app, "x-request-id", null));
    assertNull(hook.on("getInputStream", app, null, null));
    assertEquals("req_1", app.getHeaderField("x-request-id"));
    assertEquals("{\"ok\":true}", text(app.getInputStream()));
    assertEquals(List.of(PRIMARY), server.bodies);
    assertEquals(1, calls.size());
  }

  @Test
  void anAnswerServedAfterTheAppsOwnAttemptFailedLeavesTheAppsConnectionNoStatusOfItsOwn() throws Throwable {
    AtomicInteger requests = new AtomicInteger();
    start(body -> requests.incrementAndGet() == 1 ? new ScriptedServer.Answer(503, "application/json", OVERLOADED)
        : new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}"));

    HttpURLConnection app = post("/v1/chat/completions", "{\"model\":\"o3\"}");

    assertEquals("{\"ok\":true}", text((InputStream) call(app, "getInputStream", null)));
    assertTrue(((String) call(app, "getHeaderField", 0)).contains(" 200 "));
    // getResponseCode() answers from the status it kept, else reads it again through the hooked getHeaderField(0).
    MethodHandle kept = MethodHandles.privateLookupIn(Class.forName(UrlConnectionModule.TARGET), MethodHandles.lookup())
        .findGetter(Class.forName(UrlConnectionModule.TARGET), "responseCode", int.class);
    assertEquals(-1, (int) kept.invoke(app), "the 503 the app's connection read is forgotten");
    assertEquals(2, server.bodies.size());
    assertEquals(Outcome.RECOVERED, calls.get(0).outcome());
  }

  @Test
  void aConnectionThatCannotOpenIsTheFirstAttemptsFailureAndTheBodyIsHeldForTheRetries() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}"), (app, into) -> true, null,
        closed, null);

    HttpURLConnection app = post("/v1/chat/completions", "{\"model\":\"o3\"}");

    assertThrows(ConnectException.class, () -> call(app, "getInputStream", null));
    assertEquals(1, calls.size());
    assertEquals(3, calls.get(0).attempts(), "the refused open, then two retries of Airbag's own");
  }

  @Test
  void withAFirstByteTimeoutEveryAttemptIsAirbagsOwnAndTheAppsConnectionNeverConnects() throws Exception {
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}"), (app, into) -> true,
        Duration.ofSeconds(5), -1, null);
    HttpURLConnection app = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/v1/chat/completions")
        .openConnection();
    app.setDoOutput(true);
    header(app, "Content-Type", "application/json");

    HookResult held = hook.on("getOutputStream", app, null, null);
    assertTrue(held != null && held.value() instanceof CapturedBody, "the body is held, the JDK's method skipped");
    ((OutputStream) held.value()).write(PRIMARY.getBytes(StandardCharsets.UTF_8));

    assertEquals("{\"ok\":true}", text((InputStream) call(app, "getInputStream", null)));
    assertEquals(List.of(PRIMARY), server.bodies);
  }

  @Test
  void whileACircuitOfTheEndpointRefusesTheStreamedRequestWaitsForTheEnginesDecision() throws Exception {
    CircuitBreakers circuits = new CircuitBreakers(new BreakerConfig(20, 10, 50, null, Duration.ofSeconds(30), 3),
        Clock.SYSTEM, TransitionListener.NONE, 16);
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"ok\":true}"), (app, into) -> true, null, -1,
        circuits);
    CircuitBreaker primary = circuits.forKey(new CircuitKey("fake", "gpt-4o"));
    for (int i = 0; i < 10; i++) {
      primary.tryAcquire().onFailure(1);
    }
    HttpURLConnection app = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/v1/chat/completions")
        .openConnection();
    app.setDoOutput(true);
    app.setFixedLengthStreamingMode(PRIMARY.length());
    header(app, "Content-Type", "application/json");

    HookResult held = hook.on("getOutputStream", app, null, null);
    assertTrue(held != null && held.value() instanceof CapturedBody,
        "the JDK's own getOutputStream, which would send the streamed request, is skipped");
    ((OutputStream) held.value()).write(PRIMARY.getBytes(StandardCharsets.UTF_8));

    assertEquals("{\"ok\":true}", text((InputStream) call(app, "getInputStream", null)));
    assertEquals("gpt-4o-mini", call(app, "getHeaderField", "x-airbag-served-model"));
    assertEquals(List.of(PRIMARY.replace("gpt-4o", "gpt-4o-mini")), server.bodies,
        "the provider saw only the fallback's request, none for the model whose circuit is open");
  }

  @Test
  void aConnectionWithoutABodyMakesItsOwnRequestAndIsNeverWatchedAgain() throws Exception {
    start(body -> new ScriptedServer.Answer(200, "application/json", "{\"data\":[]}"));
    HttpURLConnection app = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + "/v1/models")
        .openConnection();
    app.setDoOutput(true);
    header(app, "Authorization", "Bearer sk-test");

    assertNull(hook.on("getInputStream", app, null, null));
    assertNull(hook.on("connect", app, null, null), "the JDK's own connect, from its getInputStream, runs");
    assertEquals(200, app.getResponseCode());
  }

  /** What the app does: headers, then its body written through getOutputStream, each asked of the hook first. */
  private HttpURLConnection post(String path, String json) throws Exception {
    HttpURLConnection app = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
    app.setRequestMethod("POST");
    app.setDoOutput(true);
    header(app, "Content-Type", "application/json");
    header(app, "Authorization", "Bearer sk-test");
    OutputStream out = output(app);
    out.write(json.getBytes(StandardCharsets.UTF_8));
    out.close();
    return app;
  }

  /** getOutputStream as the advice runs it: the hook first; when it lets the JDK's own run, it hears how it went. */
  private OutputStream output(HttpURLConnection app) throws IOException {
    HookResult hooked = hook.on("getOutputStream", app, null, null);
    if (hooked != null) {
      return (OutputStream) hooked.value();
    }
    OutputStream own = null;
    IOException thrown = null;
    try {
      own = app.getOutputStream();
    } catch (IOException e) {
      thrown = e;
    }
    HookResult opened = hook.on("openedOutputStream", app, own, thrown);
    if (opened == null) {
      if (thrown != null) {
        throw thrown;
      }
      return own;
    }
    return (OutputStream) opened.value();
  }

  private void header(HttpURLConnection app, String key, String value) {
    app.setRequestProperty(key, value);
    hook.on("setRequestProperty", app, key, value);
  }

  /** One reading method as the advice runs it: the hook's answer, or on null the JDK's own method. */
  private Object call(HttpURLConnection app, String method, Object argument) throws Exception {
    HookResult result = hook.on(method, app, argument, null);
    if (result == null) {
      return own(app, method, argument);
    }
    if (result.failure() instanceof Exception) {
      throw (Exception) result.failure();
    }
    return result.value();
  }

  private static Object own(HttpURLConnection app, String method, Object argument) throws IOException {
    switch (method) {
      case "getInputStream":
        return app.getInputStream();
      case "getErrorStream":
        return app.getErrorStream();
      case "getHeaderFields":
        return app.getHeaderFields();
      case "getHeaderFieldKey":
        return app.getHeaderFieldKey((Integer) argument);
      default:
        return argument instanceof Integer ? app.getHeaderField((Integer) argument)
            : app.getHeaderField((String) argument);
    }
  }

  private static String text(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
