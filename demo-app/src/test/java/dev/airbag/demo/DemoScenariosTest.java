package dev.airbag.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sentence under each scenario's heading in the report. */
class DemoScenariosTest {
  private static final Duration SPAN = Duration.ofSeconds(10);

  @Test
  void everyScenarioSaysWhatItShowsInOneSentence() {
    for (DemoScenario scenario : DemoScenarios.all(SPAN)) {
      String shows = scenario.shows();
      assertTrue(shows.endsWith(".") && shows.indexOf(". ") < 0, scenario.name() + ": " + shows);
    }
  }

  @Test
  void theScenariosAirbagDoesNotImproveSayWhy() {
    assertTrue(shows("content-policy").contains("refused by every model"));
    assertTrue(shows("stream-cut").contains("only before its first byte"));
  }

  private static String shows(String name) {
    return DemoScenarios.all(SPAN).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().shows();
  }
}
