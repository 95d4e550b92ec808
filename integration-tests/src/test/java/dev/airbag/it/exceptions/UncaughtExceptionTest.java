package dev.airbag.it.exceptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.it.apps.DyingThreadsApp;
import dev.airbag.it.apps.ServletApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exceptions nobody handled, captured with no code change, in child JVMs with the agent. */
class UncaughtExceptionTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"none", "default", "per-thread"})
  void aDyingThreadGivesOneEventAndTheAppBehavesAsWithoutAirbag(String handler) throws Exception {
    AgentConfig config = AgentConfig.in(dir);

    ChildJvm.Result without = ChildJvm.on(Jdks.current()).testClasspath().run(DyingThreadsApp.class.getName(), handler);
    ChildJvm.Result with = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(DyingThreadsApp.class.getName(), handler);

    assertEquals(without.stdout(), with.stdout(), "the app's handler ran exactly as often as without the agent");
    assertEquals(appLines(without.stderr()), appLines(with.stderr()), "stderr as without the agent");
    List<JsonNode> events = exceptionEvents(config);
    assertEquals(1, events.size(), events.toString());
    JsonNode event = events.get(0);
    assertEquals("java.lang.IllegalStateException", event.path("exception_type").asText());
    assertEquals("uncaught", event.path("source").asText());
    assertEquals("order-worker", event.path("thread").asText());
    assertEquals("human_review", event.path("escalation").asText(), "a fingerprint no rule covers goes to a person");
    assertFalse(event.path("fingerprint").asText().isEmpty());
    assertTrue(event.path("stack").toString().contains("DyingThreadsApp.failOrder"), event.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.airbag.it.support.Jdks#forTests")
  void aVirtualThreadDyingIsCapturedToo(Jdk jdk) throws Exception {
    Assumptions.assumeTrue(jdk.major() >= 21, "virtual threads need JDK 21+");
    AgentConfig config = AgentConfig.in(dir);

    ChildJvm.Result result = ChildJvm.on(jdk).testClasspath().agentWithConfig(config.write())
        .run(DyingThreadsApp.class.getName(), "virtual");

    assertTrue(result.stdout().contains("APP DONE"), result.toString());
    assertEquals(1, exceptionEvents(config).size(), result.toString());
  }

  @Test
  void aUserRuleDecidesForATypeAndItsSubclasses() throws Exception {
    AgentConfig config = AgentConfig.in(dir)
        .set("airbag.exceptions.rule.1", "type=java.lang.RuntimeException,severity=info,escalation=none");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(DyingThreadsApp.class.getName(), "none");

    JsonNode event = exceptionEvents(config).get(0);
    assertEquals("info", event.path("severity").asText(), result.toString());
    assertEquals("none", event.path("escalation").asText());
    assertEquals("rule", event.path("labelled_by").asText());
  }

  @Test
  void theLabelsFileEditedWhileTheAppRunsDecidesTheNextOccurrence() throws Exception {
    Path labels = dir.resolve("airbag-labels.txt");
    Path go = dir.resolve("go");
    AgentConfig config = AgentConfig.in(dir).set("airbag.feedback.file", labels.toString())
        .set("airbag.feedback.recheck-interval", "0s");
    Path configFile = config.write();
    CompletableFuture<ChildJvm.Result> app = CompletableFuture.supplyAsync(() -> {
      try {
        return ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(configFile)
            .run(DyingThreadsApp.class.getName(), "wait-for-label", go.toString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    JsonNode first = waitForEvents(config, 1).get(0);
    String fingerprint = first.path("fingerprint").asText();

    // A person reviews it: an expected failure, a warning, no one to wake.
    Files.writeString(labels, fingerprint + " severity=warning escalation=none category=none note=\"pricing outage, known\"\n");
    Files.writeString(go, "go");
    ChildJvm.Result result = app.get(2, TimeUnit.MINUTES);

    List<JsonNode> events = exceptionEvents(config);
    assertEquals(2, events.size(), result.toString());
    assertEquals("human_review", events.get(0).path("escalation").asText());
    JsonNode second = events.get(1);
    assertEquals(fingerprint, second.path("fingerprint").asText());
    assertEquals("human", second.path("labelled_by").asText(), second.toString());
    assertEquals("none", second.path("escalation").asText());
    assertTrue(Files.exists(Path.of(labels + ".pending")), "new fingerprints are listed for review");
  }

  @Test
  void theSameBugAtOtherLineNumbersKeepsItsFingerprintAcrossRuns() throws Exception {
    Path first = compileBug(0);
    Path second = compileBug(7);
    AgentConfig one = AgentConfig.in(Files.createDirectories(dir.resolve("one")));
    AgentConfig two = AgentConfig.in(Files.createDirectories(dir.resolve("two")));

    ChildJvm.on(Jdks.current()).classpath(first.toString()).agentWithConfig(one.write()).run("LineBug");
    ChildJvm.on(Jdks.current()).classpath(second.toString()).agentWithConfig(two.write()).run("LineBug");

    JsonNode a = exceptionEvents(one).get(0);
    JsonNode b = exceptionEvents(two).get(0);
    assertNotEquals(a.path("stack").toString(), b.path("stack").toString(), "the lines really moved");
    assertEquals(a.path("fingerprint").asText(), b.path("fingerprint").asText());
  }

  @Test
  void aServletThatThrowsGivesOneEventWithMethodAndPathAndTheClientStillGetsIts500() throws Exception {
    AgentConfig config = AgentConfig.in(dir);

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .run(ServletApp.class.getName(), dir.resolve("tomcat").toString());

    assertTrue(result.stdout().contains("STATUS 500"), result.toString());
    List<JsonNode> events = exceptionEvents(config);
    assertEquals(1, events.size(), events.toString());
    JsonNode event = events.get(0);
    assertEquals("servlet", event.path("source").asText());
    assertEquals("POST", event.path("http_method").asText(), event.toString());
    assertEquals("/loans/42/score", event.path("url_path").asText());
    assertFalse(Events.raw(config.eventsFile()).contains("querysecret"), "never the query");
  }

  @Test
  void anExecutorsSwallowedExceptionIsReportedOnlyWhenAskedFor() throws Exception {
    AgentConfig off = AgentConfig.in(Files.createDirectories(dir.resolve("off")));
    AgentConfig on = AgentConfig.in(Files.createDirectories(dir.resolve("on")))
        .set("airbag.exceptions.executors", "true").set("airbag.exceptions.executor-grace", "500ms");

    ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(off.write()).run(SwallowingApp.class.getName());
    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(on.write())
        .run(SwallowingApp.class.getName());

    assertTrue(exceptionEvents(off).isEmpty(), "off by default");
    List<JsonNode> events = exceptionEvents(on);
    assertEquals(2, events.size(), "the read future and the handled stage are never reported: " + result + events);
    java.util.Map<String, String> bySource = events.stream().collect(java.util.stream.Collectors.toMap(
        e -> e.path("source").asText(), e -> e.path("exception_type").asText()));
    assertEquals("java.lang.IllegalArgumentException", bySource.get("executor"));
    assertEquals("java.lang.IllegalStateException", bySource.get("completable_future"));
  }

  private Path compileBug(int blankLines) throws Exception {
    Path out = Files.createDirectories(dir.resolve("bug" + blankLines));
    Path source = out.resolve("LineBug.java");
    Files.writeString(source, "public class LineBug {\n" + "\n".repeat(blankLines)
        + "  public static void main(String[] args) throws Exception {\n"
        + "    Thread t = new Thread(() -> { throw new IllegalStateException(\"stock \" + System.nanoTime()); });\n"
        + "    t.start(); t.join();\n  }\n}\n");
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    assertTrue(compiler.getTask(errors, null, null, List.of("-d", out.toString()), null,
        compiler.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call(), errors.toString());
    return out;
  }

  private static List<String> appLines(String stderr) {
    return stderr.lines().filter(line -> !line.startsWith("[airbag]")).toList();
  }

  static List<JsonNode> exceptionEvents(AgentConfig config) {
    return Events.read(config.eventsFile()).stream().filter(e -> e.path("kind").asText().equals("exception")).toList();
  }

  private static List<JsonNode> waitForEvents(AgentConfig config, int count) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      List<JsonNode> events = exceptionEvents(config);
      if (events.size() >= count) {
        return events;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no exception event within 60 s");
  }
}
