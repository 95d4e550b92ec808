package dev.airbag.it.reactornetty;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.ExternalApp;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Javac;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import dev.airbag.it.support.LegacyJdks;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reactor Netty 1.3's {@code HttpClient}, by hand and under Spring 7.0 (WebClient, RestClient), in child JVMs with
 * the agent and only those libraries: fallback in an outage, a storm, a stream retried before its first byte and then
 * read as it comes, error bodies and other URLs as without Airbag, cancellation, hooks and a classifier that throw.
 */
class ReactorNettyTest extends FaultServerTest {
  /** Each app, and how it is told where to send. */
  enum Stack {
    PLAIN("reactor-netty", "dev.airbag.it.apps.ReactorNettyChatApp", true),
    WEBCLIENT("webclient", "dev.airbag.it.apps.WebClientChatApp", false);

    final String folder;
    final String app;
    final boolean takesFullUrl;

    Stack(String folder, String app, boolean takesFullUrl) {
      this.folder = folder;
      this.app = app;
      this.takesFullUrl = takesFullUrl;
    }
  }

  static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  static final String STREAMED =
      "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final Map<Stack, String> CLASSPATHS = new java.util.EnumMap<>(Stack.class);

  @BeforeAll
  static void compileTheApps() throws IOException {
    for (Stack stack : Stack.values()) {
      CLASSPATHS.put(stack, ExternalApp.compile(stack.folder, stack.app));
    }
  }

  static Stream<Arguments> stacksAndJdks() {
    return Stream.of(Stack.values()).flatMap(stack -> Jdks.forTests().map(jdk -> Arguments.of(stack, jdk)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("stacksAndJdks")
  void anOutageOfThePrimaryIsServedByTheFallbackOnEveryCall(Stack stack, Jdk jdk) throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = ChildJvm.on(jdk).classpath(CLASSPATHS.get(stack)).agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(3)).run(stack.app, url(stack), BODY, "post", "5");

    assertEquals(5, okCount(result), result.toString());
    assertEquals(5, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 15, "at most Airbag's 3 attempts per call: " + server.requestCount());
    String primary = server.requests().stream().filter(r -> "gpt-4o".equals(r.model())).findFirst().orElseThrow()
        .bodyText();
    String fallback = server.requests().stream().filter(r -> "gpt-4o-mini".equals(r.model())).findFirst()
        .orElseThrow().bodyText();
    assertEquals(primary.replace("\"gpt-4o\"", "\"gpt-4o-mini\""), fallback);
    List<JsonNode> events = Events.read(config.eventsFile());
    assertFalse(events.isEmpty(), result.toString());
    assertEquals("overloaded", events.get(0).path("category").asText(), events.get(0).toString());
    assertEquals("gpt-4o-mini", events.get(0).path("served_model").asText(), events.get(0).toString());
  }

  /** Spring's blocking RestClient on ReactorClientHttpRequestFactory goes through the same connect. */
  @Test
  void restClientOnReactorNettyIsServedByTheFallback() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(Stack.WEBCLIENT, config, BODY, "restclient", 3);

    assertEquals(3, okCount(result), result.toString());
    assertEquals(3, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 9, "at most Airbag's 3 attempts per call: " + server.requestCount());
    assertTrue(server.requests().stream().allMatch(r -> r.bodyText().contains("\"messages\"")), "whole bodies");
  }

  /** {@code responseContent()} sees only the body: the fallback's, with no request multiplied. */
  @Test
  void responseContentIsServedByTheFallbackToo() throws Exception {
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = app(Stack.PLAIN, config, BODY, "content", 3);

    assertEquals(3, okCount(result), result.toString());
    assertEquals(3, count(result, "gpt-4o-mini"), "the fallback's answers: " + result);
    assertTrue(server.requestCount() <= 9, "at most Airbag's 3 attempts per call: " + server.requestCount());
  }

  @ParameterizedTest
  @EnumSource(Stack.class)
  void aStormOfOneInThreeCostsNoSuccessComparedWithTheStackAlone(Stack stack) throws Exception {
    server.plan(FaultPlans.ratio(1.0 / 3, Faults.status(500, "{\"error\":{\"message\":\"boom\"}}", Map.of()), 16));
    ChildJvm.Result alone = alone(stack, BODY, "post", 30);
    int aloneRequests = server.requestCount();
    server.reset();
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result protectedRun = app(stack, config, BODY, "post", 30);

    assertEquals(30, aloneRequests, "the stack alone sends each call once: " + alone);
    assertTrue(okCount(alone) < 30, alone.toString());
    assertTrue(okCount(protectedRun) >= okCount(alone), alone + "\n" + protectedRun);
    assertTrue(okCount(protectedRun) >= 27, "three attempts serve nearly every call: " + protectedRun);
  }

  @ParameterizedTest
  @EnumSource(Stack.class)
  void aStreamIsRetriedBeforeItsFirstByteAndThenReadAsItComes(Stack stack) throws Exception {
    server.plan(FaultPlans.firstFailure(FaultPlans.sequence(Faults.overloaded()),
        always(Faults.slowBody(Duration.ofMillis(150)))));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(stack, config, STREAMED, "stream", 1);

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "one overloaded attempt, then the stream");
    assertEquals(STREAMED, server.requests().get(1).bodyText(), "the retry sent the app's bytes");
    Matcher stream = Pattern.compile("first_line_ms=(\\d+) total_ms=(\\d+) lines=(\\d+)").matcher(result.stdout());
    assertTrue(stream.find(), result.toString());
    long first = Long.parseLong(stream.group(1));
    long total = Long.parseLong(stream.group(2));
    assertTrue(Integer.parseInt(stream.group(3)) > 2, result.toString());
    assertTrue(total - first >= 300, "the first chunk came before the stream ended: " + result.stdout());
  }

  /**
   * With a first-byte timeout, an attempt whose headers are late is given up and retried; once a stream's headers
   * came, pauses between its chunks longer than that timeout do not cut it.
   */
  @ParameterizedTest
  @EnumSource(Stack.class)
  void aFirstByteTimeoutRetriesALateAnswerButNeverCutsASlowStream(Stack stack) throws Exception {
    server.plan(FaultPlans.firstFailure(FaultPlans.sequence(Faults.delayFirstByte(Duration.ofSeconds(5))),
        always(Faults.slowBody(Duration.ofMillis(1200), 1024, Faults.success()))));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.timeout.first-byte", "800ms");

    ChildJvm.Result result = app(stack, config, STREAMED, "stream", 1);

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "the late attempt, then the stream");
    Matcher stream = Pattern.compile("first_line_ms=(\\d+) total_ms=(\\d+)").matcher(result.stdout());
    assertTrue(stream.find(), result.toString());
    assertTrue(Long.parseLong(stream.group(2)) - Long.parseLong(stream.group(1)) >= 1200,
        "the stream paused longer than the timeout, and went on: " + result.stdout());
    assertEquals("timeout", Events.read(config.eventsFile()).get(0).path("category").asText());
  }

  /** An error event inside a 200 stream reaches the app as sent, and is classified: content had come, no retry. */
  @ParameterizedTest
  @EnumSource(Stack.class)
  void anErrorEventInsideA200StreamIsClassified(Stack stack) throws Exception {
    server.plan(always(Faults.streamErrorEvent()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(stack, config, STREAMED, "stream", 1);

    assertEquals(1, count(result, "RESULT status=200"), result.toString());
    assertEquals(1, server.requestCount(), "content had reached the app: no retry");
    JsonNode event = Events.read(config.eventsFile()).stream()
        .filter(e -> e.path("outcome").asText().equals("stream_interrupted")).findFirst().orElseThrow();
    assertTrue(event.path("bytes_delivered").asLong() > 0, event.toString());
    assertEquals("overloaded", event.path("category").asText(), event.toString());
  }

  /** A connection reset before the first byte, after the request went out: sent again with the held bytes. */
  @ParameterizedTest
  @EnumSource(Stack.class)
  void aResetBeforeTheFirstByteIsRetriedWithTheSameBytes(Stack stack) throws Exception {
    server.plan(FaultPlans.sequence(Faults.resetBeforeFirstByte()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(stack, config, BODY, "post", 1);

    assertEquals(1, okCount(result), result.toString());
    assertEquals(2, server.requestCount(), "the reset attempt, then the retry");
    assertEquals(server.requests().get(0).bodyText(), server.requests().get(1).bodyText());
    assertEquals("transient", Events.read(config.eventsFile()).get(0).path("category").asText());
  }

  @ParameterizedTest
  @EnumSource(Stack.class)
  void errorBodiesReachTheAppAsWithoutTheAgent(Stack stack) throws Exception {
    server.plan(FaultPlans.byModel(Map.of(
        "m-bad", always(Faults.openAiError(400, "invalid_request_error", "invalid_value", "bad temperature"))),
        FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();
    String bad = BODY.replace("gpt-4o", "m-bad");

    List<String> alone = results(alone(stack, bad, "post", 1));
    List<String> withAgent = results(app(stack, config, bad, "post", 1));

    assertEquals(alone, withAgent);
    assertTrue(alone.get(0).contains("status=400") && alone.get(0).contains("bad temperature"), alone.toString());
    assertEquals(2, server.requestCount(), "a bad request is not retried");
  }

  /** Retries exhausted: the app reads the provider's last answer, status and body, as it would have alone. */
  @ParameterizedTest
  @EnumSource(Stack.class)
  void theLastErrorReachesTheAppWhenRetriesAreExhausted(Stack stack) throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.circuit.enabled", "false");

    List<String> alone = results(alone(stack, BODY, "post", 1));
    ChildJvm.Result with = app(stack, config, BODY, "post", 2);

    assertEquals(List.of(alone.get(0), alone.get(0)), results(with), with.toString());
    assertTrue(alone.get(0).contains("status=503") && alone.get(0).contains("overloaded"), alone.toString());
    assertEquals(1 + 2 * 3, server.requestCount(), "alone once, then Airbag's 3 attempts per call");
    assertEquals("overloaded", Events.read(config.eventsFile()).get(0).path("category").asText());
  }

  /**
   * An open circuit with no fallback answers without the network: the app gets a 503 response, as a provider's 503
   * reaches it alone (a status for the plain client, Spring's {@code ServiceUnavailable} from {@code retrieve()}),
   * with the provider-shaped body and Retry-After, never an I/O error; and the server sees no request for it.
   */
  @ParameterizedTest
  @EnumSource(Stack.class)
  void anOpenCircuitAnswersTheAppWithA503ResponseAsTheProviderWould(Stack stack) throws Exception {
    server.plan(always(Faults.overloaded()));
    // The first call's three failures open the circuit; the next two meet it open and fail fast.
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.retry.replay-window", "0s").set("airbag.circuit.when-open", "fail-fast")
        .set("airbag.circuit.hopeless-after", "3").set("airbag.circuit.hopeless-span", "0s")
        .set("airbag.circuit.first-open-duration", "60s").set("airbag.circuit.open-duration", "60s");
    String mode = stack == Stack.PLAIN ? "headers" : "retrieve";

    List<String> alone = results(alone(stack, BODY, mode, 1));
    int aloneRequests = server.requestCount();
    ChildJvm.Result with = app(stack, config, BODY, mode, 3);

    List<String> lines = results(with);
    assertEquals(3, lines.size(), with.toString());
    // Retries exhausted, Airbag tells the SDK not to retry on top (the plain client shows the header).
    assertEquals(alone.get(0).replace("should_retry=null", "should_retry=false"), lines.get(0),
        "the first call ends with the provider's own last answer");
    assertEquals(3, server.requestCount() - aloneRequests, "only the first call's three attempts reach the server");
    String aloneKind = alone.get(0).substring(0, alone.get(0).indexOf(" retry_after="));
    String expectedKind = stack == Stack.PLAIN ? "RESULT status=503" : "RESULT error type=ServiceUnavailable status=503";
    assertEquals(expectedKind, aloneKind, alone.toString());
    Pattern shortCircuit = Pattern.compile(Pattern.quote(expectedKind) + " retry_after=([1-9][0-9]*)"
        + (stack == Stack.PLAIN ? " should_retry=(null|false)" : "")
        + " body=\\{\"error\":\\{\"message\":\"Airbag: the circuit for [^\"]*gpt-4o[^\"]* is open after repeated"
        + " provider failures; retry after \\d+s\\.\",\"type\":\"server_error\",\"param\":null,"
        + "\"code\":\"circuit_open\"\\}\\}");
    for (String line : lines.subList(1, 3)) {
      assertTrue(shortCircuit.matcher(line).matches(), line + "\n" + with);
    }
    assertFalse(with.stdout().contains("IOException"), with.toString());
  }

  @Test
  void aUrlThatIsNoLlmEndpointIsSentByteForByteAsWithoutTheAgent() throws Exception {
    server.plan(always(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port());
    String other = server.baseUrl() + "/other";
    String classpath = CLASSPATHS.get(Stack.PLAIN);

    ChildJvm.Result get = ChildJvm.on(Jdks.current()).classpath(classpath).agentWithConfig(config.write())
        .run(Stack.PLAIN.app, server.baseUrl() + "/health", BODY, "get", "1");
    ChildJvm.Result post = ChildJvm.on(Jdks.current()).classpath(classpath).agentWithConfig(config.write())
        .run(Stack.PLAIN.app, other, BODY, "post", "1");
    ChildJvm.Result postAlone = ChildJvm.on(Jdks.current()).classpath(classpath)
        .run(Stack.PLAIN.app, other, BODY, "post", "1");

    assertEquals(List.of("RESULT status=200 protocol=HTTP/1.1 served_by=- body=ok"), results(get), get.toString());
    assertEquals(results(postAlone), results(post));
    assertEquals(3, server.requests().size(), "each call reached the server exactly once");
    RecordedRequest withAgent = server.requests().get(1);
    RecordedRequest alone = server.requests().get(2);
    assertEquals(alone.target(), withAgent.target());
    assertEquals(alone.headers().entries(), withAgent.headers().entries(), "the same headers, in the same order");
    assertArrayEquals(alone.body(), withAgent.body());
    assertTrue(Events.read(config.eventsFile()).isEmpty());
  }

  /**
   * Airbag's handler stays on a pooled connection after an LLM call: the app's own request that follows on it is not
   * held, and leaves as it would without the agent.
   */
  @Test
  void theAppsOwnRequestAfterAnLlmCallOnTheSameConnectionIsSentAsWithoutTheAgent() throws Exception {
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port());

    ChildJvm.Result with = app(Stack.PLAIN, config, BODY, "mixed", 3);
    List<RecordedRequest> withAgent = List.copyOf(server.requests());
    ChildJvm.Result without = alone(Stack.PLAIN, BODY, "mixed", 3);
    List<RecordedRequest> alone = server.requests().subList(withAgent.size(), server.requests().size());

    assertEquals(answers(without), answers(with));
    assertEquals(3, answers(with).stream().filter(line -> line.startsWith("RESULT status=200")).count(),
        with.toString());
    // The fault server has no route there: the app's own answer, which it reads as it would without the agent.
    assertEquals(3, answers(with).stream().filter(line -> line.startsWith("RESULT other status=404")).count(),
        with.toString());
    assertEquals(6, withAgent.size(), "each call reached the server once");
    assertEquals(6, alone.size());
    for (int i = 0; i < 6; i++) {
      assertEquals(alone.get(i).target(), withAgent.get(i).target());
      assertEquals(alone.get(i).headers().entries(), withAgent.get(i).headers().entries(), "request " + i);
      assertArrayEquals(alone.get(i).body(), withAgent.get(i).body());
    }
    assertEquals("/other", withAgent.get(5).path());
  }

  @ParameterizedTest
  @EnumSource(Stack.class)
  void aClassifierThatThrowsLeavesEveryCallAsWithoutTheAgent(Stack stack) throws Exception {
    server.plan(FaultPlans.everyNth(2, Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result without = alone(stack, BODY, "post", 4);
    ChildJvm.Result with = ChildJvm.on(Jdks.current()).classpath(CLASSPATHS.get(stack))
        .agentWithConfig(config.write()).jvmArg("-Dairbag-test.fault-injection=classifier")
        .run(stack.app, url(stack), BODY, "post", "4");

    assertEquals(answers(without), answers(with), with.toString());
    assertEquals(8, server.requestCount(), "each call reached the server once: no retries, no duplicates");
    List<String> failures = with.airbagLines().stream().filter(line -> line.contains("internal error")).toList();
    assertEquals(1, failures.size(), with.toString());
    assertFalse(with.stderr().contains("\tat "), "no stack trace reaches the app's console: " + with);
  }

  /**
   * The app gives up on each call (its {@code timeout} cancels the subscription) while the provider is slow to answer
   * 503: the attempt in flight is cancelled with it, and no retry follows that nobody would read.
   */
  @Test
  void cancellingTheSubscriptionCancelsTheCallAndNoRetryFollows() throws Exception {
    server.plan(always(Faults.delayFirstByte(Duration.ofSeconds(3), Faults.overloaded())));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result alone = alone(Stack.PLAIN, BODY, "cancel", 2);
    List<RecordedRequest> withoutAgent = server.requests();
    server.reset();
    ChildJvm.Result result = app(Stack.PLAIN, config, BODY, "cancel", 2);

    assertEquals(2, count(alone, "RESULT error type=TimeoutException"), alone.toString());
    assertEquals(2, count(result, "RESULT error type=TimeoutException"), result.toString());
    // A call can give up before its request is out (the agent's classes load on the first call of a busy machine),
    // so the count may be lower than alone, never higher: a retry after the app gave up would add one per call.
    assertEquals(2, withoutAgent.size(), alone.toString());
    assertTrue(server.requestCount() >= 1 && server.requestCount() <= withoutAgent.size(),
        "no more requests than alone, none after the app gave up: " + server.requestCount());
  }

  /** Every hook throwing (the bridge itself fails): the calls go out and come back as without the agent. */
  @Test
  void hooksThatThrowNeverReachTheApp() throws Exception {
    server.plan(FaultPlans.everyNth(2, Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result without = alone(Stack.PLAIN, BODY, "post", 2);
    ChildJvm.Result with = ChildJvm.on(Jdks.current()).classpath(CLASSPATHS.get(Stack.PLAIN))
        .agentWithConfig(config.write()).jvmArg("-Dairbag-test.fault-injection=bridge")
        .run(Stack.PLAIN.app, url(Stack.PLAIN), BODY, "post", "2");

    assertEquals(answers(without), answers(with), with.toString());
    assertEquals(4, server.requestCount(), "each call reached the server once");
    assertEquals(1, with.airbagLines().stream().filter(line -> line.contains("internal error")).count(),
        with.toString());
  }

  /** Reactor Netty 1.3 runs on Java 8+: the plain app, compiled for Java 11, on Java 11 with the agent. */
  @Test
  void onJava11APlainHttpClientCallIsServedByTheFallback() throws Exception {
    Jdk java11 = LegacyJdks.java11();
    String jars;
    try (Stream<Path> files = Files.list(Paths.get(System.getProperty("airbag.app.libs"), Stack.PLAIN.folder))) {
      jars = files.sorted().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
    Path source = Paths.get(System.getProperty("airbag.test.sources")).resolveSibling(Stack.PLAIN.folder)
        .resolve(Stack.PLAIN.app.replace('.', '/') + ".java");
    Path classes = Javac.compile(11, jars, dir.resolve("java11-classes"), source);
    server.plan(FaultPlans.byModel(Map.of("gpt-4o", always(Faults.overloaded())), FaultPlans.healthy()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
        .set("airbag.fallback.gpt-4o", "gpt-4o-mini");

    ChildJvm.Result result = ChildJvm.on(java11).classpath(classes.toString()).classpath(jars)
        .agentWithConfig(config.write()).timeout(Duration.ofMinutes(3))
        .run(Stack.PLAIN.app, url(Stack.PLAIN), BODY, "post", "2");

    assertEquals(2, okCount(result), result.toString());
    assertEquals(2, count(result, "served_by=gpt-4o-mini"), result.toString());
    assertTrue(server.requestCount() <= 6, "at most Airbag's 3 attempts per call: " + server.requestCount());
    assertEquals("overloaded", Events.read(config.eventsFile()).get(0).path("category").asText());
  }

  private String url(Stack stack) {
    return stack.takesFullUrl ? server.baseUrl() + "/v1/chat/completions" : server.baseUrl();
  }

  private ChildJvm.Result app(Stack stack, AgentConfig config, String json, String mode, int count)
      throws Exception {
    return ChildJvm.on(Jdks.current()).classpath(CLASSPATHS.get(stack)).agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(3)).run(stack.app, url(stack), json, mode, String.valueOf(count));
  }

  private ChildJvm.Result alone(Stack stack, String json, String mode, int count) throws Exception {
    return ChildJvm.on(Jdks.current()).classpath(CLASSPATHS.get(stack)).timeout(Duration.ofMinutes(3))
        .run(stack.app, url(stack), json, mode, String.valueOf(count));
  }

  private static List<String> results(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT")).collect(Collectors.toList());
  }

  /** The RESULT lines without what differs between two runs of the same answers: completion ids and times. */
  private static List<String> answers(ChildJvm.Result result) {
    return results(result).stream().map(line -> line.replaceAll("chatcmpl-fault-\\d+", "chatcmpl-fault")
        .replaceAll("\"created\":\\d+", "\"created\""))
        .collect(Collectors.toList());
  }

  private static long count(ChildJvm.Result result, String text) {
    return result.stdoutLines().stream().filter(line -> line.contains(text)).count();
  }
}
