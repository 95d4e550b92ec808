package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.Fault;
import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed provider answers (random bytes, truncated JSON, wrong content types, huge headers, a gzip lie, a
 * slowloris body) end each call exactly as without the agent, and never past the client's own call timeout.
 */
class BadInputTest {
  private static final long CALL_TIMEOUT_MS = 3000;

  @TempDir Path dir;

  @Test
  void everyMalformedAnswerEndsTheCallAsWithoutTheAgentAndInTime() throws Exception {
    Map<String, Fault> cases = cases();
    Map<String, FaultPlan> plans = new LinkedHashMap<>();
    cases.forEach((model, fault) -> plans.put(model, FaultPlans.always(fault)));
    try (FaultServer server = FaultServer.start()) {
      server.plan(FaultPlans.byModel(plans, FaultPlans.healthy()));
      Path config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
          .set("airbag.retry.replay-window", "0s").write();
      List<String> args = new ArrayList<>(List.of(server.baseUrl() + "/v1/chat/completions", String.valueOf(CALL_TIMEOUT_MS)));
      args.addAll(cases.keySet());

      ChildJvm.Result without = ChildJvm.on(Jdks.current()).testClasspath().timeout(Duration.ofSeconds(90))
          .run(FuzzClientApp.class.getName(), args.toArray(String[]::new));
      ChildJvm.Result with = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config)
          .timeout(Duration.ofSeconds(90)).run(FuzzClientApp.class.getName(), args.toArray(String[]::new));

      assertEquals(cases.size(), results(without).size(), without.toString());
      assertEquals(results(without), results(with), with.toString());
      assertFalse(with.stdout().contains("SLOW"), with.toString());
      assertTrue(with.airbagLines().stream().anyMatch(line -> line.contains("active")), with.toString());
      assertFalse(with.stderr().contains("internal error"), with.toString());
      System.out.println("[it] fuzz outcomes: " + results(with));
    }
  }

  private static Map<String, Fault> cases() {
    Map<String, Fault> cases = new LinkedHashMap<>();
    cases.put("fz-random-200", answer(200, "application/json", random(1, 4096)));
    cases.put("fz-random-500", answer(500, "application/json", random(2, 4096)));
    cases.put("fz-random-529-big", answer(529, "application/json", random(3, 300_000)));
    cases.put("fz-truncated-200", answer(200, "application/json", text("{\"id\":\"x\",\"choices\":[{\"mess")));
    cases.put("fz-truncated-429", answer(429, "application/json", text("{\"error\":{\"type\":\"rate_li")));
    cases.put("fz-deep-json-400", answer(400, "application/json", text("[".repeat(50_000))));
    cases.put("fz-html-502", answer(502, "text/html", text("<html><body>Bad gateway</body></html>")));
    cases.put("fz-xml-200", answer(200, "application/xml", text("<error>overloaded</error>")));
    cases.put("fz-sse-garbage-500", answer(500, "text/event-stream", text("data: {garbage\n\nevent: error\n")));
    cases.put("fz-huge-header-200", Faults.withHeader(answer(200, "application/json", text("{}")), "X-Huge", "a".repeat(60_000)));
    cases.put("fz-huge-header-529", Faults.withHeader(Faults.anthropicOverloaded(), "Retry-After", "9".repeat(5_000)));
    cases.put("fz-gzip-lie-503", Faults.withHeader(answer(503, "application/json", random(4, 512)), "Content-Encoding", "gzip"));
    cases.put("fz-slowloris-200", Faults.slowBody(Duration.ofMillis(250), 8, Faults.success()));
    cases.put("fz-slowloris-503", Faults.slowBody(Duration.ofMillis(250), 8, Faults.overloaded()));
    return cases;
  }

  private static Fault answer(int status, String contentType, byte[] body) {
    return response -> response.answer(status, contentType, body);
  }

  private static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> results(ChildJvm.Result result) {
    return result.stdoutLines().stream().filter(line -> line.startsWith("RESULT")).toList();
  }
}
