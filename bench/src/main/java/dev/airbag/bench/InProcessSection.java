package dev.airbag.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The figures measured inside one JVM on the agent's plain classes (the bench module's test class path): the
 * engine's fast-fail with an open circuit, 64 threads through one breaker, and event export. No comparison: these
 * are Airbag's own costs, with nothing to subtract.
 */
final class InProcessSection {
  static final String ENGINE_MAIN = "dev.airbag.bench.inprocess.EngineBenchmark";
  static final String EXPORT_MAIN = "dev.airbag.bench.inprocess.ExportBenchmark";

  private InProcessSection() {
  }

  static List<Figure> engine(BenchEnvironment env, BenchOptions o) throws Exception {
    System.err.println("engine: a successful call; fast-fail with an open circuit; 64 threads through one breaker");
    Map<String, Double> r = new ChildJvm(env, env.runDir("engine")).run(env.inProcessClasspath, ENGINE_MAIN,
        Integer.toString(o.engineCalls), Double.toString(o.threadsSeconds));
    double p99 = r.get("fastfail.p99_ns") / 1000;
    return List.of(
        Figure.alone("happy_path", "engine: CallPipeline.execute() of a successful call, p50", "us/call",
            r.get("success.p50_ns") / 1000, o.engineCalls)
            .note("Airbag's own part of a happy call, without the HTTP adapter (body copy, headers)"),
        Figure.alone("happy_path", "engine: CallPipeline.execute() of a successful call, p99", "us/call",
            r.get("success.p99_ns") / 1000, o.engineCalls),
        Figure.alone("failure_path", "engine: CallPipeline.execute() with the circuit open, p50", "us/call",
            r.get("fastfail.p50_ns") / 1000, o.engineCalls),
        Figure.alone("failure_path", "engine: CallPipeline.execute() with the circuit open, p99", "us/call", p99,
            o.engineCalls).target("p99 < 100 us", p99 < 100)
            .note(String.format("p99.9 %.1f us; Airbag's own part of a short-circuited call",
                r.get("fastfail.p999_ns") / 1000)),
        Figure.compared("fleet_cost", "engine: a successful call with the fleet's listeners vs without, p50",
                "ns/call", "fleet vs none", r.get("fleet.base_p50_ns"), r.get("fleet.with_p50_ns"), 1, "ns/call",
                o.engineCalls)
            .target("added <= 1000 ns/call", r.get("fleet.added_median_ns") <= 1000)
            .note(String.format("what a fleet adds on the app's thread (Redis is the sync thread's): median of five"
                + " alternating rounds %+.0f ns, range %+.0f to %+.0f ns", r.get("fleet.added_median_ns"),
                r.get("fleet.added_min_ns"), r.get("fleet.added_max_ns"))),
        Figure.alone("failure_path", "64 threads through one closed breaker (acquire + report)", "calls/s",
            r.get("breaker64.closed_calls_per_s"), 64),
        Figure.alone("failure_path", "64 threads through one open breaker (rejected)", "calls/s",
            r.get("breaker64.open_calls_per_s"), 64));
  }

  static List<Figure> export(BenchEnvironment env, BenchOptions o) throws Exception {
    System.err.println("export: enqueue cost on the app thread; events/s to a loopback collector");
    Map<String, Double> r = new ChildJvm(env, env.runDir("export")).timeout(Duration.ofMinutes(8))
        .run(env.inProcessClasspath, EXPORT_MAIN, Integer.toString(o.exportEvents));
    return List.of(
        Figure.alone("export", "enqueue per event on the app thread, healthy collector", "ns/event",
            r.get("enqueue_healthy_ns"), 9),
        Figure.alone("export", "enqueue per event on the app thread, collector hanging", "ns/event",
            r.get("enqueue_hanging_ns"), 9),
        Figure.alone("export", "delivered to a loopback collector, OTLP http/protobuf", "events/s",
            r.get("otlp_protobuf_events_per_s"), o.exportEvents),
        Figure.alone("export", "delivered to a loopback collector, OTLP http/json", "events/s",
            r.get("otlp_json_events_per_s"), o.exportEvents),
        Figure.alone("export", "delivered to a loopback collector, HTTP JSON array", "events/s",
            r.get("http_events_per_s"), o.exportEvents));
  }
}
