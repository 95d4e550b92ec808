package dev.airbag.bench;

import dev.airbag.bench.apps.HappyPathApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Happy-path overhead and memory: sequential calls to a loopback server that answers at once, each workload in
 * live child JVMs without and with the agent (and, for openai-java, wrapped in resilience4j by hand) taking turns
 * batch by batch ({@link BatchAlternation}), placed on the CPUs as the servers section places its children
 * ({@link CpuPinning}).
 * Every child gets the same fixed, pre-touched heap, so that RSS differences are what lives outside the heap.
 */
final class HappyPathSection {
  static final String SECTION = "happy_path";
  static final String[] HEAP = {"-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"};
  private static final double MIB = 1024.0 * 1024.0;

  private HappyPathSection() {
  }

  static List<Figure> run(BenchEnvironment env, BenchOptions o) throws Exception {
    List<Figure> figures = new ArrayList<>();
    CpuPinning pinning = CpuPinning.chosenBy(o);
    System.err.println("happy path: " + pinning.description());
    System.err.println("happy path: openai-java, without and with the agent, and wrapped in resilience4j");
    BatchAlternation openai = alternate(env, o, pinning, "openai", "openai+agent", "resilience4j");
    figures.add(perCall(openai, "openai", "openai+agent", "openai-java chat completion", "agent vs none", pinning)
        .target("ratio <= 1.03", ratio(openai, "openai", "openai+agent") <= 1.03));
    System.err.println("happy path: OkHttp GET to a host that is no LLM endpoint");
    BatchAlternation okhttp = alternate(env, o, pinning, "okhttp", "okhttp+agent");
    figures.add(perCall(okhttp, "okhttp", "okhttp+agent", "OkHttp GET, not an LLM call", "agent vs none", pinning)
        .target("ratio <= 1.01", ratio(okhttp, "okhttp", "okhttp+agent") <= 1.01));
    System.err.println("happy path: java.net.http chat completion");
    BatchAlternation jdk = alternate(env, o, pinning, "jdk", "jdk+agent");
    figures.add(perCall(jdk, "jdk", "jdk+agent", "java.net.http chat completion", "agent vs none", pinning)
        .target("ratio <= 1.03 (the LLM-call target)", ratio(jdk, "jdk", "jdk+agent") <= 1.03));
    figures.add(perCall(openai, "openai", "resilience4j", "openai-java in resilience4j Retry + CircuitBreaker",
        "resilience4j by hand vs none", pinning).note("peer row: a code change, no agent"));
    figures.addAll(memory(openai, env));
    return figures;
  }

  private static BatchAlternation alternate(BenchEnvironment env, BenchOptions o, CpuPinning pinning,
      String... variants) throws Exception {
    int batchSize = Math.min(o.batch, o.calls);
    BatchAlternation runs = BatchAlternation.run(o.rounds, List.of(variants), v -> start(env, v, pinning),
        o.warmup / batchSize, Math.max(1, o.calls / batchSize), batchSize);
    for (String variant : variants) {
      for (Map<String, Double> results : runs.finals(variant)) {
        Checks.agentAttached(variant, results, variant.endsWith("+agent"));
        // Exactly one upstream request per call: an agent that sent more would be cheating or broken.
        Checks.equal(variant + " upstream requests per call", 1.0, results.get("upstream_requests_per_call"));
        if (pinning.serverCpu() >= 0) {
          Checks.serversApart(variant, pinning.serverCpu(), results);
        }
      }
    }
    return runs;
  }

  private static LiveChild start(BenchEnvironment env, String variant, CpuPinning pinning) throws Exception {
    String workload = variant.replace("+agent", "");
    Path dir = env.runDir(workload);
    int port = BenchEnvironment.freePort();
    Path config = variant.endsWith("+agent") ? env.agentConfig(dir, port, Map.of()) : null;
    return new ChildJvm(env, dir).pinned(pinning).agent(config).jvmArgs(HEAP)
        .start(env.appClasspath, HappyPathApp.class.getName(), workload, Integer.toString(port), "fault",
            Integer.toString(pinning.serverCpu()));
  }

  private static Figure perCall(BatchAlternation runs, String base, String measured, String name, String compares,
      CpuPinning pinning) {
    return Figure.compared(SECTION, name, "us/call (median)", compares, runs.p50(base) / 1000,
            runs.p50(measured) / 1000, 1, "us/call", runs.batches(measured))
        .note(String.format("p99 %.0f vs %.0f us/call; %s", runs.p99(base) / 1000, runs.p99(measured) / 1000,
            pinning.description()));
  }

  private static double ratio(BatchAlternation runs, String base, String measured) {
    return runs.p50(measured) / runs.p50(base);
  }

  private static List<Figure> memory(BatchAlternation openai, BenchEnvironment env) throws Exception {
    int rounds = openai.finals("openai").size();
    Figure heap = Figure.compared("memory", "heap used after System.gc(), openai-java workload", "MiB",
        "agent vs none", openai.finalMedian("openai", "heap_used_bytes") / MIB,
        openai.finalMedian("openai+agent", "heap_used_bytes") / MIB, 1, "MiB", rounds);
    Figure rss = Figure.compared("memory", "RSS (VmRSS) after the openai-java workload", "MiB", "agent vs none",
        openai.finalMedian("openai", "rss_bytes") / MIB, openai.finalMedian("openai+agent", "rss_bytes") / MIB, 1,
        "MiB", rounds).note("fixed pre-touched 256 MiB heap on both sides: the difference lives outside the heap");
    Figure jar = Figure.alone("memory", "agent jar size (agent/target/airbag-agent.jar)", "MiB",
        Files.size(env.agentJar) / MIB, 1);
    return List.of(heap.target("<= 16 MiB added", heap.added() <= 16), rss.target("<= 16 MiB added",
        rss.added() <= 16), jar);
  }
}
