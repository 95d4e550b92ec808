package dev.airbag.demo;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

/**
 * How the demo runs: the workload's size and pace, which scenarios, where the agent and its configuration are,
 * the class path of the child JVMs and where output goes.
 */
record DemoOptions(int calls, Duration interval, List<String> scenarios, Path agentJar, Path agentConfig,
    String classpath, Path outputDir) {

  /** The full demo: 40 packages, one every 250 ms, every scenario. */
  static DemoOptions defaults() {
    return new DemoOptions(40, Duration.ofMillis(250), List.of(), Paths.get("agent/target/airbag-agent.jar"),
        Paths.get("demo-app/airbag-demo.properties"), System.getProperty("java.class.path"),
        Paths.get("demo-output"));
  }

  /** The defaults changed by {@code --calls N --interval-ms N --scenarios a,b --agent JAR --config FILE --out DIR}. */
  static DemoOptions parse(String... args) {
    DemoOptions given = defaults();
    int calls = given.calls;
    Duration interval = given.interval;
    List<String> scenarios = given.scenarios;
    Path agentJar = given.agentJar;
    Path agentConfig = given.agentConfig;
    Path outputDir = given.outputDir;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 == args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--calls" -> calls = Integer.parseInt(value);
        case "--interval-ms" -> interval = Duration.ofMillis(Long.parseLong(value));
        case "--scenarios" -> scenarios = List.of(value.split(","));
        case "--agent" -> agentJar = Paths.get(value);
        case "--config" -> agentConfig = Paths.get(value);
        case "--out" -> outputDir = Paths.get(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (known: --calls, --interval-ms, --scenarios, --agent, --config, --out)");
      }
    }
    return new DemoOptions(calls, interval, scenarios, agentJar, agentConfig, given.classpath, outputDir);
  }

  /** How long packages keep arriving. */
  Duration span() {
    return interval.multipliedBy(calls);
  }
}
