package dev.airbag.it.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.RecordedRequest;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.FaultServerTest;
import dev.airbag.it.support.Jdks;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Airbag sends the app's own OkHttp request when it changes nothing in it and its body is one known to write the
 * same bytes again; any other body goes from the bytes Airbag read, so a body that can be written only once still
 * reaches the provider whole on every attempt.
 */
class RequestBodyKindsTest extends FaultServerTest {

  @Test
  void everyAttemptCarriesTheWholeBodyWhateverKindOfBodyTheAppMade() throws Exception {
    // Each call's first attempt is turned away, so Airbag sends each body twice.
    server.plan(request -> request.index() % 2 == 0 ? Faults.overloaded() : Faults.success());
    AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).set("airbag.circuit.enabled", "false")
        .set("airbag.retry.base-delay", "10ms");

    ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
        .timeout(Duration.ofMinutes(1))
        .run(RequestBodyKindsApp.class.getName(), server.baseUrl() + "/v1/chat/completions", "bytes", "stream");

    assertEquals(List.of("RESULT bytes status=200", "RESULT stream status=200"),
        result.stdoutLines().stream().filter(line -> line.startsWith("RESULT ")).collect(Collectors.toList()),
        result.toString());
    List<String> bodies = server.requests().stream().map(RecordedRequest::bodyText).collect(Collectors.toList());
    assertEquals(List.of(RequestBodyKindsApp.JSON, RequestBodyKindsApp.JSON, RequestBodyKindsApp.JSON,
        RequestBodyKindsApp.JSON), bodies);
  }
}
