package dev.airbag.bench.apps;

import dev.airbag.faultserver.FaultServer;

/**
 * A child JVM of the happy-path benchmark: starts a loopback LLM server that answers at once, makes warm-up calls,
 * then times each of {@code calls} sequential calls of one workload, and reports their median, the server's
 * request count (so an agent that sent extra requests would show) and memory after the workload.
 *
 * <p>Arguments: {@code WORKLOAD CALLS WARMUP LLM_PORT}; the driver writes the agent's config for that port.
 */
public final class HappyPathApp {
  private HappyPathApp() {
  }

  public static void main(String[] args) throws Exception {
    String workloadName = args[0];
    int calls = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int llmPort = Integer.parseInt(args[3]);
    try (FaultServer llm = FaultServer.start(llmPort); FaultServer other = FaultServer.start();
        Workload workload = Workload.named(workloadName, llm.baseUrl(), other.baseUrl())) {
      for (int i = 0; i < warmup; i++) {
        workload.call();
      }
      long[] nanos = new long[calls];
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        long t0 = System.nanoTime();
        workload.call();
        nanos[i] = System.nanoTime() - t0;
      }
      long total = System.nanoTime() - start;
      ChildReport.put("agent_attached", ChildReport.agentAttached() ? 1 : 0);
      ChildReport.put("mean_ns", total / (double) calls);
      ChildReport.putLatencies("call", nanos);
      int served = llm.requestCount() + countOf(other);
      ChildReport.put("upstream_requests_per_call", served / (double) (warmup + calls));
      ChildReport.putMemory();
    }
  }

  /** The non-LLM server counts no LLM requests: count what it recorded instead. */
  private static int countOf(FaultServer other) {
    return other.requests().size();
  }
}
