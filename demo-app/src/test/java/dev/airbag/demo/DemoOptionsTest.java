package dev.airbag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The driver's command line, as demo.sh passes it on. */
class DemoOptionsTest {

  @Test
  void optionsAreTakenInAnyOrderWithRebuildAnywhere() {
    DemoOptions first = DemoOptions.parse("--calls", "7", "--rebuild", "--scenarios", "outage,retired");
    DemoOptions second = DemoOptions.parse("--scenarios", "outage,retired", "--calls", "7", "--rebuild");

    assertEquals(first, second);
    assertEquals(7, first.calls());
    assertEquals(List.of("outage", "retired"), first.scenarios());
  }

  @Test
  void everyOptionChangesItsOwnSettingOnly() {
    DemoOptions options = DemoOptions.parse("--out", "o", "--interval-ms", "20", "--config", "c.properties",
        "--agent", "a.jar");

    assertEquals(Duration.ofMillis(20), options.interval());
    assertEquals(Paths.get("o"), options.outputDir());
    assertEquals(Paths.get("c.properties"), options.agentConfig());
    assertEquals(Paths.get("a.jar"), options.agentJar());
    assertEquals(DemoOptions.defaults().calls(), options.calls());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--callz 3           | unknown option '--callz'",
      "--calls             | option --calls needs a value",
      "--calls --rebuild   | option --calls needs a value",
      "--calls many        | option --calls needs a whole number above 0, not 'many'",
      "--interval-ms 0     | option --interval-ms needs a whole number above 0, not '0'",
      "--scenarios tusday  | unknown scenario tusday (known: tuesday, rate-limit, outage",
  })
  void aWrongOptionIsRefusedWithOneLineSayingWhatIsWrong(String args, String start) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DemoOptions.parse(args.split(" ")));

    assertTrue(e.getMessage().startsWith(start), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
