package dev.airbag.bench;

import dev.airbag.bench.apps.HappyPathApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Happy-path overhead and memory: sequential calls to a loopback server that answers at once, each workload in
 * child JVMs without and with the agent (and, for openai-java, wrapped in resilience4j by hand), alternating.
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
    System.err.println("happy path: openai-java, without and with the agent, and wrapped in resilience4j");
    Alternation openai = Alternation.run(o.rounds, List.of("openai", "openai+agent", "resilience4j"),
        (variant, round) -> runOnce(env, o, variant));
    figures.add(perCall(openai, "openai", "openai+agent", "openai-java chat completion", "agent vs none")
        .target("ratio <= 1.03", ratio(openai, "openai", "openai+agent") <= 1.03));
    System.err.println("happy path: OkHttp GET to a host that is no LLM endpoint");
    Alternation okhttp = Alternation.run(o.rounds, List.of("okhttp", "okhttp+agent"), (v, r) -> runOnce(env, o, v));
    figures.add(perCall(okhttp, "okhttp", "okhttp+agent", "OkHttp GET, not an LLM call", "agent vs none")
        .target("ratio <= 1.01", ratio(okhttp, "okhttp", "okhttp+agent") <= 1.01));
    System.err.println("happy path: java.net.http chat completion");
    Alternation jdk = Alternation.run(o.rounds, List.of("jdk", "jdk+agent"), (v, r) -> runOnce(env, o, v));
    figures.add(perCall(jdk, "jdk", "jdk+agent", "java.net.http chat completion", "agent vs none")
        .target("ratio <= 1.03 (the LLM-call target)", ratio(jdk, "jdk", "jdk+agent") <= 1.03));
    figures.add(perCall(openai, "openai", "resilience4j", "openai-java in resilience4j Retry + CircuitBreaker",
        "resilience4j by hand vs none").note("peer row: a code change, no agent"));
    figures.addAll(memory(openai, env));
    return figures;
  }

  private static Map<String, Double> runOnce(BenchEnvironment env, BenchOptions o, String variant) throws Exception {
    boolean agent = variant.endsWith("+agent");
    String workload = variant.replace("+agent", "");
    Path dir = env.runDir(workload);
    int port = BenchEnvironment.freePort();
    Path config = agent ? env.agentConfig(dir, port, Map.of()) : null;
    Map<String, Double> results = new ChildJvm(env, dir).agent(config).jvmArgs(HEAP)
        .run(env.appClasspath, HappyPathApp.class.getName(), workload, Integer.toString(o.calls),
            Integer.toString(o.warmup), Integer.toString(port));
    Checks.agentAttached(variant, results, agent);
    // Exactly one upstream request per call: an agent that sent more would be cheating or broken.
    Checks.equal(variant + " upstream requests per call", 1.0, results.get("upstream_requests_per_call"));
    return results;
  }

  private static Figure perCall(Alternation runs, String base, String measured, String name, String compares) {
    double p99Base = runs.median(base, "call.p99_ns") / 1000;
    double p99 = runs.median(measured, "call.p99_ns") / 1000;
    return Figure.compared(SECTION, name, "us/call (median)", compares, runs.median(base, "call.p50_ns") / 1000,
            runs.median(measured, "call.p50_ns") / 1000, 1, "us/call", runs.rounds(measured))
        .note(String.format("p99 %.0f vs %.0f us/call", p99Base, p99));
  }

  private static double ratio(Alternation runs, String base, String measured) {
    return runs.median(measured, "call.p50_ns") / runs.median(base, "call.p50_ns");
  }

  private static List<Figure> memory(Alternation openai, BenchEnvironment env) throws Exception {
    Figure heap = Figure.compared("memory", "heap used after System.gc(), openai-java workload", "MiB",
        "agent vs none", openai.median("openai", "heap_used_bytes") / MIB,
        openai.median("openai+agent", "heap_used_bytes") / MIB, 1, "MiB", openai.rounds("openai"));
    Figure rss = Figure.compared("memory", "RSS (VmRSS) after the openai-java workload", "MiB", "agent vs none",
        openai.median("openai", "rss_bytes") / MIB, openai.median("openai+agent", "rss_bytes") / MIB, 1, "MiB",
        openai.rounds("openai")).note("fixed pre-touched 256 MiB heap on both sides: the difference lives outside the heap");
    Figure jar = Figure.alone("memory", "agent jar size (agent/target/airbag-agent.jar)", "MiB",
        Files.size(env.agentJar) / MIB, 1);
    return List.of(heap.target("<= 16 MiB added", heap.added() <= 16), rss.target("<= 16 MiB added",
        rss.added() <= 16), jar);
  }
}
