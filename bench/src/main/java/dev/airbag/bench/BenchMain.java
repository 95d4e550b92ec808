package dev.airbag.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark driver ({@code ./bench.sh}): runs each section's child JVMs, prints one table, and writes
 * {@code benchmark-results.json} and {@code RESULTS.md} to the output directory. Flags: see {@link BenchOptions}.
 */
public final class BenchMain {
  private static final List<String> SECTION_ORDER = List.of("happy_path", "happy_servers", "fleet_cost", "memory", "startup",
      "failure_path", "export", "no_harm", "fleet_storm");
  private static final String NO_HARM_CHART = "no-harm.svg";
  private static final String STORM_CHART = "storm.svg";

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(options, "./bench.sh" + (args.length == 0 ? "" : " " + String.join(" ", args)));
  }

  /** Runs the benchmark and returns where the results file was written. */
  public static Path run(BenchOptions options, String command) throws Exception {
    BenchEnvironment env = BenchEnvironment.detect();
    Map<String, Object> machine = Machine.describe(env);
    long start = System.nanoTime();
    List<Figure> figures = new ArrayList<>();
    if (options.runs("happy")) {
      figures.addAll(HappyPathSection.run(env, options));
    }
    if (options.runs("servers")) {
      figures.addAll(HappyServersSection.run(env, options));
    }
    if (options.runs("fleet")) {
      figures.addAll(FleetCostSection.run(env, options));
    }
    if (options.runs("startup")) {
      figures.addAll(StartupSection.run(env, options));
    }
    if (options.runs("failure")) {
      figures.addAll(FailurePathSection.run(env, options));
    }
    if (options.runs("engine")) {
      figures.addAll(InProcessSection.engine(env, options));
    }
    if (options.runs("export")) {
      figures.addAll(InProcessSection.export(env, options));
    }
    NoHarmResults noHarm = null;
    if (options.runs("no-harm")) {
      noHarm = NoHarmSection.run(env, options);
      figures.addAll(NoHarmSection.figures(noHarm));
    }
    StormSection.Results storm = null;
    StormProcesses.Results stormProcesses = null;
    if (options.runs("storm")) {
      storm = StormSection.run(env, options);
      figures.addAll(StormSection.figures(storm));
      // Real processes take minutes; a smoke run has the simulation only.
      if (!options.quick) {
        stormProcesses = StormProcesses.run(env, options);
        figures.addAll(StormProcessVerdicts.figures(stormProcesses));
      }
    }
    machine.put("load_average_at_end", Machine.loadAverage());
    // The engine's figures belong with the sections they explain.
    figures.sort(Comparator.comparingInt(f -> SECTION_ORDER.indexOf(f.section())));
    ResultsTable.print(figures, System.out);
    if (noHarm != null) {
      NoHarmTable.print(noHarm, System.out);
    }

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("benchmark", "airbag");
    results.put("generated_at", Instant.now().toString());
    results.put("command", command);
    results.put("duration_seconds", (System.nanoTime() - start) / 1e9);
    results.put("machine", machine);
    results.put("options", options.asMap());
    results.put("child_jvm_flags", Map.of("happy_path_and_failure_path", String.join(" ", HappyPathSection.HEAP),
        "startup", "(none)", "in_process", "(none)"));
    results.put("targets_missed", figures.stream().filter(f -> Boolean.FALSE.equals(f.met())).map(Figure::name)
        .toList());
    results.put("figures", figures.stream().map(Figure::json).toList());
    if (noHarm != null) {
      results.put("no_harm", noHarm.json());
    }
    Path out = options.out.isAbsolute() ? options.out : env.root.resolve(options.out);
    Files.createDirectories(out);
    Path json = out.resolve("benchmark-results.json");
    Files.writeString(json, ResultsFile.render(results));
    String markdown = ResultsMarkdown.render(figures, machine, command);
    if (noHarm != null) {
      Files.writeString(out.resolve(NO_HARM_CHART), NoHarmChart.svg(noHarm));
      markdown += NoHarmMarkdown.render(noHarm, NO_HARM_CHART);
    }
    if (storm != null) {
      Files.writeString(out.resolve(STORM_CHART), StormChart.svg(storm));
      markdown += StormChart.markdown(storm, STORM_CHART);
    }
    if (stormProcesses != null) {
      for (StormProcessStorm processStorm : stormProcesses.storms()) {
        Files.writeString(out.resolve(processStorm.chart()), StormProcessesChart.svg(stormProcesses, processStorm));
        markdown += StormProcessesChart.markdown(stormProcesses, processStorm);
      }
    }
    Files.writeString(out.resolve("RESULTS.md"), markdown);
    System.out.printf("%nWrote %s and RESULTS.md (%.0f s).%n", json, (System.nanoTime() - start) / 1e9);
    return json;
  }
}
