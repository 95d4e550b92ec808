package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedHostsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"127.0.0.1:9464, true", "localhost:9464, true", "LOCALHOST, true", "'[::1]:9464', true",
      "10.0.0.7:9464, true", "metrics.internal:9464, true", "rebind.attacker.example:9464, false",
      "127.0.0.1.nip.io:9464, false", "'', false"})
  void onlyLoopbackIpLiteralsAndTheConfiguredHostAreAnswered(String host, boolean allowed) {
    assertEquals(allowed, new AllowedHosts("metrics.internal").allows(host));
  }

  @org.junit.jupiter.api.Test
  void aControlByteInTheTextFormatIsMadeVisibleAndLineEndsStay() {
    assertEquals("a{m=\"x\\x1by\"} 1\nb 2\n", ScrapeEndpoint.visible("a{m=\"x\u001by\"} 1\nb 2\n"));
  }
}
