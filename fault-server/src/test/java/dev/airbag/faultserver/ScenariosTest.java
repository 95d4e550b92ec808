package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The named demo scenarios and the command line that runs them. */
class ScenariosTest {

  private static FaultPlan plan(String name, String model) {
    return Scenarios.named(name).orElseThrow().planFor().apply(model);
  }

  @ParameterizedTest
  @ValueSource(strings = {"healthy", "tuesday", "rate-limit", "outage", "retired", "slow", "content-policy",
      "stream-cut"})
  void everyAdvertisedScenarioExists(String name) {
    assertTrue(Scenarios.named(name).isPresent());
    assertTrue(Scenarios.all().containsKey(name));
  }

  @Test
  void tuesdayOverloadsOneRequestInFiveOverHttp() throws Exception {
    try (FaultServer server = FaultServer.start().plan(plan("tuesday", "claude-x"))) {
      HttpClient client = Requests.client();
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        statuses.add(Requests.send(client, server, WireFormat.ANTHROPIC, "claude-x", false).statusCode());
      }

      assertEquals(List.of(200, 200, 200, 200, 529, 200, 200, 200, 200, 529), statuses);
    }
  }

  @Test
  void retiredFailsOnlyTheNamedModel() {
    FaultPlan retired = plan("retired", "gpt-old");

    assertNotSame(Faults.success(), retired.choose(Requests.info("gpt-old", 0, 0, Duration.ZERO)));
    assertSame(Faults.success(), retired.choose(Requests.info("gpt-new", 1, 0, Duration.ZERO)));
  }

  @Test
  void outageFailsThePrimaryForThirtySecondsFromStart() {
    FaultPlan outage = plan("outage", "primary");

    assertNotSame(Faults.success(), outage.choose(Requests.info("primary", 0, 0, Duration.ofSeconds(29))));
    assertSame(Faults.success(), outage.choose(Requests.info("primary", 1, 1, Scenarios.OUTAGE)));
    assertSame(Faults.success(), outage.choose(Requests.info("fallback", 2, 0, Duration.ofSeconds(1))));
  }

  @Test
  void optionsParseAndRejectMistakesWithTheAllowedValues() {
    FaultServerMain.Options options = FaultServerMain.Options.parse(
        new String[] {"--port", "0", "--scenario", "retired", "--model", "gpt-4"});

    assertEquals(new FaultServerMain.Options(0, "retired", "gpt-4", false), options);
    assertEquals(FaultServerMain.DEFAULT_MODEL, FaultServerMain.Options.parse(new String[0]).model());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> FaultServerMain.Options.parse(new String[] {"--scenario", "friday"}));
    assertTrue(unknown.getMessage().contains("tuesday"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FaultServerMain.Options.parse(new String[] {"--port", "x"}));
    assertThrows(IllegalArgumentException.class, () -> FaultServerMain.Options.parse(new String[] {"--port"}));
  }

  @Test
  void mainStartsTheScenarioOnTheRequestedPort() throws Exception {
    FaultServerMain.Options options = FaultServerMain.Options.parse(new String[] {"--scenario", "content-policy"});

    try (FaultServer server = FaultServerMain.start(options)) {
      assertEquals(400, Requests.send(Requests.client(), server, WireFormat.OPENAI, "m", false).statusCode());
    }
  }

  @Test
  void usageListsEveryScenario() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    FaultServerMain.usage(new PrintStream(out, true));

    String text = out.toString();
    Scenarios.all().keySet().forEach(name -> assertTrue(text.contains(name), name));
    assertFalse(text.isBlank());
  }
}
