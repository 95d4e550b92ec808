package dev.airbag.demo;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

/**
 * How the demo runs: the workload's size and pace, which scenarios, where the agent and its configuration are,
 * the class path of the child JVMs and where output goes. Immutable.
 */
record DemoOptions(int calls, Duration interval, List<String> scenarios, Path agentJar, Path agentConfig,
    String classpath, Path outputDir) {

  /** Every option the driver takes a value for; {@code ./demo.sh --help} lists each (a test checks it). */
  static final List<String> OPTIONS = List.of("--calls", "--interval-ms", "--scenarios", "--agent", "--config",
      "--out");
  /** Handled by demo.sh before the driver starts; accepted here so that passing it through is harmless. */
  static final String REBUILD = "--rebuild";

  /** The full demo: 40 packages, one every 250 ms, every scenario. */
  static DemoOptions defaults() {
    return new DemoOptions(40, Duration.ofMillis(250), List.of(), Paths.get("agent/target/airbag-agent.jar"),
        Paths.get("demo-app/airbag-demo.properties"), System.getProperty("java.class.path"),
        Paths.get("demo-output"));
  }

  /**
   * The defaults changed by {@code --calls N --interval-ms N --scenarios a,b --agent JAR --config FILE --out DIR},
   * in any order.
   *
   * @throws IllegalArgumentException with a one-line message for people, on any option it cannot use
   */
  static DemoOptions parse(String... args) {
    DemoOptions given = defaults();
    int calls = given.calls;
    Duration interval = given.interval;
    List<String> scenarios = given.scenarios;
    Path agentJar = given.agentJar;
    Path agentConfig = given.agentConfig;
    Path outputDir = given.outputDir;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals(REBUILD)) {
        continue;
      }
      if (!OPTIONS.contains(option)) {
        throw new IllegalArgumentException("unknown option '" + option + "' (known: " + String.join(", ", OPTIONS)
            + ", " + REBUILD + ", --help)");
      }
      // A value that looks like the next option means the user forgot this one's value.
      if (i + 1 == args.length || args[i + 1].startsWith("--")) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--calls" -> calls = positive(option, value);
        case "--interval-ms" -> interval = Duration.ofMillis(positive(option, value));
        case "--scenarios" -> scenarios = List.of(value.split(","));
        case "--agent" -> agentJar = Paths.get(value);
        case "--config" -> agentConfig = Paths.get(value);
        default -> outputDir = Paths.get(value);
      }
    }
    DemoOptions parsed = new DemoOptions(calls, interval, scenarios, agentJar, agentConfig, given.classpath,
        outputDir);
    // Checked now so that a typo fails before three JVMs start, not after a scenario has run.
    DemoScenarios.select(parsed.span(), scenarios);
    return parsed;
  }

  /** How long packages keep arriving. */
  Duration span() {
    return interval.multipliedBy(calls);
  }

  private static int positive(String option, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Same message as for zero or a negative number, below.
    }
    throw new IllegalArgumentException("option " + option + " needs a whole number above 0, not '" + value + "'");
  }
}
