package dev.airbag.demo;

import dev.airbag.faultserver.FaultServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo driver ({@code ./demo.sh}): plays each scenario on a local fault-injecting LLM server and runs the same
 * loan-summarising workload three ways at once, each in its own child JVM against its own server: the app as it
 * is, the app with the Airbag agent attached, and the app changed by hand to use resilience4j. Prints one table
 * per scenario and writes an HTML report with charts. Options: see {@link DemoOptions#parse}.
 */
public final class DemoRunner {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private DemoRunner() {}

  public static void main(String[] args) {
    System.exit(cli(args, System.out, System.err));
  }

  /**
   * Runs the demo as the command line asks and returns the exit code: 0 done, 2 a wrong option, 1 anything
   * else. Every error is one line on {@code err}, never a stack trace.
   */
  static int cli(String[] args, PrintStream out, PrintStream err) {
    try {
      DemoReport report = run(DemoOptions.parse(args), out);
      out.printf("%nThe report with charts: %s%n", report.html().toAbsolutePath());
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("demo: " + e.getMessage() + "; see ./demo.sh --help");
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("demo: interrupted");
      return 1;
    } catch (Exception e) {
      // The child JVMs' logs, named in the message where there are any, hold the detail.
      err.println("demo: " + (e.getMessage() == null ? e.toString() : e.getMessage()).replace('\n', ' '));
      return 1;
    }
  }

  /** What a demo run produced: the results, the tables as printed, and the HTML report's path. */
  record DemoReport(List<ScenarioResult> results, String tables, Path html) {}

  static DemoReport run(DemoOptions options, PrintStream out) throws IOException, InterruptedException {
    if (!Files.isRegularFile(options.agentJar())) {
      throw new IllegalStateException("no agent jar at " + options.agentJar() + ": run ./demo.sh --rebuild");
    }
    List<DemoScenario> scenarios = DemoScenarios.select(options.span(), options.scenarios());
    out.printf("Airbag demo: %d loan packages, one every %d ms, through anthropic-java (primary, some streamed) and"
            + " openai-java.%nEach scenario runs three ways at once: %s; %s (-javaagent, config %s); %s.%n",
        options.calls(), options.interval().toMillis(), Way.PLAIN.title(), Way.AIRBAG.title(),
        options.agentConfig(), Way.RESILIENCE4J.title());
    StringBuilder tables = new StringBuilder();
    List<ScenarioResult> results = new ArrayList<>();
    for (DemoScenario scenario : scenarios) {
      ScenarioResult result = runScenario(scenario, options);
      results.add(result);
      String table = ConsoleTable.render(result, results.size(), scenarios.size());
      tables.append(table);
      out.print(table);
      out.flush();
    }
    Path html = HtmlReport.write(results, options, options.outputDir().resolve("airbag-demo-report.html"));
    return new DemoReport(results, tables.toString(), html);
  }

  private static ScenarioResult runScenario(DemoScenario scenario, DemoOptions options)
      throws IOException, InterruptedException {
    Path dir = cleanDirectory(options.outputDir().resolve("runs").resolve(scenario.name()));
    Map<Way, FaultServer> servers = new EnumMap<>(Way.class);
    Map<Way, ChildRun> children = new EnumMap<>(Way.class);
    try {
      for (Way way : Way.values()) {
        FaultServer server = FaultServer.start();
        servers.put(way, server);
        children.put(way, ChildRun.start(way, server.baseUrl(), options, results(dir, way), events(dir, way),
            dir.resolve(way.fileName() + ".log")));
      }
      for (Way way : Way.values()) {
        if (!children.get(way).awaitReady(START_TIMEOUT)) {
          throw new IllegalStateException("the app (" + way.title() + ") did not start; see "
              + dir.resolve(way.fileName() + ".log"));
        }
      }
      long goNanos = System.nanoTime();
      long goEpochMs = System.currentTimeMillis();
      for (Way way : Way.values()) {
        servers.get(way).reset();
        servers.get(way).plan(scenario.plan());
      }
      children.values().forEach(ChildRun::go);
      Duration timeout = options.span().plus(Duration.ofSeconds(90));
      Map<Way, RunData> runs = new EnumMap<>(Way.class);
      for (Way way : Way.values()) {
        int exit = children.get(way).awaitExit(timeout);
        runs.put(way, RunReader.read(way, results(dir, way), events(dir, way), servers.get(way).requests(),
            goEpochMs, goNanos, exit));
      }
      return ScenarioResult.of(scenario, runs);
    } finally {
      children.values().forEach(ChildRun::close);
      servers.values().forEach(FaultServer::close);
    }
  }

  private static Path results(Path dir, Way way) {
    return dir.resolve(way.fileName() + "-calls.jsonl");
  }

  private static Path events(Path dir, Way way) {
    return way.agent() ? dir.resolve("airbag-events.jsonl") : null;
  }

  private static Path cleanDirectory(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    return Files.createDirectories(dir);
  }
}
