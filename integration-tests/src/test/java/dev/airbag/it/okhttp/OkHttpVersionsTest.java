package dev.airbag.it.okhttp;

import static dev.airbag.faultserver.FaultPlans.always;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.apps.PlainOkHttpApp;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Events;
import dev.airbag.it.support.Jdk;
import dev.airbag.it.support.Jdks;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Plain OkHttp apps on OkHttp 3.14, 4.12 and 5.x: LLM calls are seen, every other call is left alone. */
class OkHttpVersionsTest extends FaultServerTest {
  static Stream<Arguments> okHttpVersionsOnEveryJdk() {
    return Jdks.forTests().flatMap(jdk -> Stream.of("okhttp3", "okhttp4", "okhttp5").map(v -> Arguments.of(jdk, v)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("okHttpVersionsOnEveryJdk")
  void anLlmCallThroughAnyOkHttpVersionIsClassified(Jdk jdk, String okHttp) throws Exception {
    server.plan(always(Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries();

    ChildJvm.Result result = app(jdk, okHttp).agentWithConfig(config.write()).run(PlainOkHttpApp.class.getName(),
        server.baseUrl() + "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"m-plain\"}");

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdout().contains("RESULT status=529"), result.toString());
    assertTrue(result.stdout().contains("INTERCEPTORS 1"), "Airbag's interceptor is added once: " + result);
    List<JsonNode> events = Events.read(config.eventsFile());
    assertEquals(1, events.size(), events.toString());
    assertEquals("overloaded", events.get(0).path("category").asText());
    assertEquals("m-plain", events.get(0).path("model").asText(), "the model is read from the body");
    assertEquals(3, server.requestCount("m-plain"), "retried by Airbag: three attempts in all, as an SDK alone");
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("okHttpVersionsOnEveryJdk")
  void aCallToAnyOtherHostIsUntouched(Jdk jdk, String okHttp) throws Exception {
    server.plan(always(Faults.anthropicOverloaded()));
    AgentConfig config = AgentConfig.in(dir);
    // Not declared as an endpoint: to Airbag this is any other HTTP service.
    String url = server.baseUrl() + "/v1/chat/completions";
    String body = "{\"model\":\"m-other\"}";

    ChildJvm.Result without = app(jdk, okHttp).run(PlainOkHttpApp.class.getName(), url, body, "3");
    ChildJvm.Result with = app(jdk, okHttp).agentWithConfig(config.write()).run(PlainOkHttpApp.class.getName(), url,
        body, "3");

    assertEquals(resultLines(without), resultLines(with));
    assertEquals(3, resultLines(with).size(), with.toString());
    assertTrue(Events.read(config.eventsFile()).isEmpty(), "no event for a non-LLM call");
    assertEquals(6, server.requestCount(), "each call reached the server exactly once");
  }

  @Test
  void theTwoOkHttpCopiesOfTheTestAppsAreReallyDifferentVersions() throws Exception {
    // Guards the test set-up: if the class paths collapsed onto one version, the version tests would prove nothing.
    ChildJvm.Result three = app(Jdks.current(), "okhttp3").run(VersionProbe.class.getName());
    ChildJvm.Result five = app(Jdks.current(), "okhttp5").run(VersionProbe.class.getName());
    assertTrue(three.stdout().startsWith("okhttp/3.14"), three.toString());
    assertTrue(five.stdout().startsWith("okhttp/5."), five.toString());
  }

  private static ChildJvm app(Jdk jdk, String okHttp) throws Exception {
    ChildJvm child = ChildJvm.on(jdk);
    return okHttp.equals("okhttp4") ? child.testClasspath() : child.appLibs(okHttp);
  }

  private static List<String> resultLines(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT")).toList();
  }

  /** Prints "okhttp/VERSION": OkHttp 4 and 5 say it in {@code OkHttp.VERSION}, OkHttp 3 in its user agent. */
  public static final class VersionProbe {
    public static void main(String[] args) throws Exception {
      try {
        System.out.println("okhttp/" + Class.forName("okhttp3.OkHttp").getField("VERSION").get(null));
      } catch (ClassNotFoundException okHttp3) {
        System.out.println(Class.forName("okhttp3.internal.Version").getMethod("userAgent").invoke(null));
      }
    }
  }
}
