package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.DyingThreadsApp;
import dev.airbag.it.apps.PlainApacheAsyncClient5App;
import dev.airbag.it.apps.PlainApacheClient4App;
import dev.airbag.it.apps.PlainApacheClient5App;
import dev.airbag.it.apps.PlainJdkHttpApp;
import dev.airbag.it.apps.PlainOkHttpApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Javac;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.LegacyJdks;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent on real old JVMs (see {@link LegacyJdks} for where they come from): on Java 8 it says in one line that
 * it needs Java 11 and the app runs exactly as without it; on Java 11, the oldest it supports, it starts,
 * retries OkHttp and java.net.http calls (send and sendAsync) and captures a thread's uncaught exception.
 */
class JavaVersionsTest extends FaultServerTest {
  private static final String REFUSAL = "[airbag] Airbag needs Java 11 or newer and this JVM is Java 8; the app runs"
      + " without Airbag";
  private static final String BODY = "{\"model\":\"m-java11\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  /** Holds without a Java 8 too: a JVM that old must be able to read every class it sees first. */
  @Test
  void theJarsEntryClassesAreJava8BytecodeAndNothingElseIsVisible() throws Exception {
    List<String> visible = new java.util.ArrayList<>();
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(ChildJvm.AGENT_JAR.toFile())) {
      for (java.util.jar.JarEntry entry : java.util.Collections.list(jar.entries())) {
        if (!entry.getName().endsWith(".class")) {
          continue;
        }
        visible.add(entry.getName());
        try (java.io.DataInputStream in = new java.io.DataInputStream(jar.getInputStream(entry))) {
          in.readInt();
          in.readUnsignedShort();
          assertEquals(52, in.readUnsignedShort(), entry.getName() + " is not Java 8 bytecode");
        }
      }
    }
    assertTrue(visible.contains("dev/airbag/agent/launcher/AgentLauncher.class"), visible.toString());
    assertTrue(visible.stream().allMatch(name -> name.startsWith("dev/airbag/agent/launcher/")), visible.toString());
  }

  @Test
  void onJava8TheAgentSaysInOneLineWhatItNeedsAndTheAppRunsExactlyAsWithoutIt() throws Exception {
    Jdk java8 = LegacyJdks.java8();
    Path classes = Javac.compile(8, "", dir.resolve("java8-classes"), Javac.sourceOf(Java8App.class));

    ChildJvm.Result without = ChildJvm.on(java8).classpath(classes.toString()).run(Java8App.class.getName(), "a", "b");
    ChildJvm.Result with = ChildJvm.on(java8).classpath(classes.toString()).agent(null)
        .run(Java8App.class.getName(), "a", "b");

    assertEquals("APP java=1.8 args=a,b\n", without.stdout(), "the app ran on Java 8: " + without);
    assertEquals("APP its own stderr line\n", without.stderr(), without.toString());
    assertEquals(3, without.exitCode());
    assertEquals(without.stdout(), with.stdout());
    assertEquals(without.exitCode(), with.exitCode());
    assertEquals(REFUSAL + "\n" + without.stderr(), with.stderr(), "one line from Airbag, before the app's own");
  }

  @Test
  void onJava8AnAgentCommandSaysWhichJavaToRunItWith() throws Exception {
    Jdk java8 = LegacyJdks.java8();

    ChildJvm.Result result = ChildJvm.on(java8).classpath(ChildJvm.AGENT_JAR.toString())
        .run("dev.airbag.agent.launcher.AgentLauncher", "version");

    assertEquals(1, result.exitCode(), result.toString());
    assertEquals("", result.stdout());
    assertEquals("[airbag] Airbag needs Java 11 or newer and this JVM is Java 8; run this command with Java 11 or"
        + " newer\n", result.stderr());
  }

  @Test
  void onJava11AnOkHttpCallIsRetriedByTheAgent() throws Exception {
    ChildJvm.Result result = retriedOnJava11(PlainOkHttpApp.class, server.baseUrl() + "/v1/chat/completions", BODY);

    assertTrue(result.stdout().contains("INTERCEPTORS 1"), "Airbag's interceptor was added: " + result);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"send", "async"})
  void onJava11AJavaNetHttpCallIsRetriedByTheAgent(String mode) throws Exception {
    retriedOnJava11(PlainJdkHttpApp.class, server.baseUrl() + "/v1/chat/completions", BODY, mode, "1");
  }

  @Test
  void onJava11AnApacheHttpClient5CallIsRetriedByTheAgent() throws Exception {
    retriedOnJava11(PlainApacheClient5App.class, server.baseUrl() + "/v1/chat/completions", BODY, "post", "1",
        "default");
  }

  @Test
  void onJava11AnApacheHttpClient5AsyncCallIsRetriedByTheAgent() throws Exception {
    retriedOnJava11(PlainApacheAsyncClient5App.class, server.baseUrl() + "/v1/chat/completions", BODY, "post", "1",
        "default");
  }

  @Test
  void onJava11AnApacheHttpClient4CallIsRetriedByTheAgent() throws Exception {
    retriedOnJava11(PlainApacheClient4App.class, server.baseUrl() + "/v1/chat/completions", BODY, "post", "1",
        "default");
  }

  /** The Thread hook edits Thread's class file as this JVM ships it; Java 11's must take the edit too. */
  @Test
  void onJava11AThreadDyingOfAnExceptionIsCapturedAndTheJvmStillReportsIt() throws Exception {
    Jdk java11 = LegacyJdks.java11();
    Path classes = Javac.compile(11, "", dir.resolve("java11-dying"), Javac.sourceOf(DyingThreadsApp.class));
    AgentConfig config = AgentConfig.in(dir);

    ChildJvm.Result without = ChildJvm.on(java11).classpath(classes.toString())
        .run(DyingThreadsApp.class.getName(), "none");
    ChildJvm.Result with = ChildJvm.on(java11).classpath(classes.toString()).agentWithConfig(config.write())
        .run(DyingThreadsApp.class.getName(), "none");

    assertEquals(without.stdout(), with.stdout());
    assertEquals(without.exitCode(), with.exitCode());
    assertTrue(with.stderr().contains("Exception in thread \"order-worker\" java.lang.IllegalStateException"),
        "the JVM's own report still appears: " + with);
    List<JsonNode> events = Events.read(config.eventsFile());
    assertEquals(1, events.size(), events.toString());
    assertEquals("exception", events.get(0).path("kind").asText(), events.toString());
    assertEquals("java.lang.IllegalStateException", events.get(0).path("exception_type").asText());
  }

  /** Runs {@code app}, compiled for Java 11, on Java 11 against one overloaded answer, then a healthy one. */
  private ChildJvm.Result retriedOnJava11(Class<?> app, String... args) throws Exception {
    Jdk java11 = LegacyJdks.java11();
    String testJars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.endsWith(".jar"))
        // Spring 6 needs Java 17, and its spring-jcl would stand in for HttpClient 4's commons-logging.
        .filter(entry -> !Paths.get(entry).getFileName().toString().startsWith("spring-"))
        .collect(Collectors.joining(File.pathSeparator));
    Path classes = Javac.compile(11, testJars, dir.resolve("java11-classes"), Javac.sourceOf(app));
    server.plan(FaultPlans.sequence(Faults.overloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = ChildJvm.on(java11).classpath(classes.toString()).classpath(testJars)
        .agentWithConfig(config.write()).run(app.getName(), args);

    assertEquals(0, result.exitCode(), result.toString());
    // HttpClient 5 logs through SLF4J and says so when the app brings no logger: the app's own line, not Airbag's.
    List<String> stderr = result.stderr().lines().filter(line -> !line.startsWith("SLF4J(W)")).toList();
    assertEquals(1, stderr.size(), "Airbag's start-up line and nothing else, no JVM warning either: " + result);
    assertTrue(stderr.get(0).matches("\\[airbag] INFO Airbag \\S+ active: .*"), result.toString());
    assertTrue(result.stdout().contains("RESULT status=200"), "the app saw the retry's success: " + result);
    assertEquals(2, server.requestCount("m-java11"), "one overloaded answer, then one healthy");
    List<JsonNode> events = Events.read(config.eventsFile());
    assertEquals(1, events.size(), events.toString());
    assertEquals("recovered", events.get(0).path("outcome").asText(), events.toString());
    assertEquals(2, events.get(0).path("attempts").asInt(), events.toString());
    assertEquals("m-java11", events.get(0).path("model").asText(), events.toString());
    return result;
  }
}
