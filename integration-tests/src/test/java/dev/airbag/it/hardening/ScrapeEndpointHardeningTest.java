package dev.airbag.it.hardening;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.FaultServer;
import dev.airbag.faultserver.Faults;
import dev.airbag.it.support.AgentConfig;
import dev.airbag.it.support.ChildJvm;
import dev.airbag.it.support.Jdks;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scrape endpoint answers only to its own host names (a DNS-rebound browser page gets 421, not /health), and
 * neither /metrics nor a configuration warning ever carries a raw control byte (NUL, ESC) from a model name or a
 * configured value.
 */
class ScrapeEndpointHardeningTest {
  @TempDir Path dir;

  @Test
  void aForeignHostIsRefusedAndNoControlByteIsWritten() throws Exception {
    try (FaultServer server = FaultServer.start()) {
      server.plan(FaultPlans.always(Faults.status(500, "{\"error\":{\"message\":\"boom\"}}", Map.of())));
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      AgentConfig config = AgentConfig.in(dir).faultServer(server.port()).fastRetries()
          .set("airbag.metrics.prometheus.port", String.valueOf(port))
          .set("airbag.retry.max-attempts", "2\u001b[2J\u0000");

      ChildJvm.Result result = ChildJvm.on(Jdks.current()).testClasspath().agentWithConfig(config.write())
          .run(ScrapeProbeApp.class.getName(), server.baseUrl() + "/v1/chat/completions", String.valueOf(port));

      String out = result.stdout();
      String rebound = out.substring(out.indexOf("REBOUND "), out.indexOf("LOCAL "));
      assertTrue(rebound.startsWith("REBOUND HTTP/1.1 421"), rebound);
      assertFalse(rebound.contains("status"), "no health body for a foreign host: " + rebound);
      String local = out.substring(out.indexOf("LOCAL "));
      assertTrue(local.startsWith("LOCAL HTTP/1.1 200") && local.contains("airbag_"), local);
      // The text format escapes the backslash itself: the label's value reads \x1b[31mred\x00.
      assertTrue(local.contains("\\\\x1b[31mred\\\\x00"), "the model name's control bytes are shown escaped: " + local);
      assertFalse(local.contains("\u001b") || local.contains("\u0000"), local);
      String warnings = String.join("\n", result.airbagLines());
      assertTrue(warnings.contains("airbag.retry.max-attempts"), result.toString());
      assertFalse(result.stderr().contains("\u001b") || result.stderr().contains("\u0000"), result.stderr());
    }
  }
}
