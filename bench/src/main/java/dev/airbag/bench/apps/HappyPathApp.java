package dev.airbag.bench.apps;

import dev.airbag.faultserver.FaultServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM of the happy-path benchmark: starts a loopback LLM server that answers at once and then waits for the
 * driver, which keeps this JVM and its counterpart alive side by side and has them take turns. Commands on stdin:
 * {@code calls N} times N sequential calls and answers {@code BATCH p50_ns p99_ns cpu_ns thread_cpu_ns thread_bytes
 * all_bytes batch_ns jit_ns switches}: the CPU time per call over the batch of every live thread (the agent's exporter
 * and the server too), then the calling thread's CPU time and allocated bytes per call and every thread's allocated
 * bytes per call ({@link CallCost}), the batch's wall time, the JIT's compile time since start ({@link JitTime}) and
 * the voluntary context switches per call of every thread but the servers' when they run on a CPU of their own
 * ({@link ThreadSwitches}, -1 where unknown);
 * {@code profile N} makes N calls under async-profiler and answers {@code PROFILE} with Airbag's share of the
 * samples ({@link #profile}); {@code end} reports the server's request count per call (an agent that sent extra
 * requests would show), memory after the workload, and exits. Prints {@code READY} once it can take commands.
 *
 * <p>Arguments: {@code WORKLOAD LLM_PORT [SERVER [SERVER_CPU]]}, SERVER {@code fault} (the project's fault server,
 * the default) or {@code jdk} ({@link HeaderRichServer}); the driver writes the agent's config for that port. With
 * SERVER_CPU, the servers' threads run on that CPU alone ({@link ThreadAffinity}), and {@code end} reports how many
 * threads do and whether the calling thread is among them.
 */
public final class HappyPathApp {
  private HappyPathApp() {
  }

  public static void main(String[] args) throws Exception {
    String workloadName = args[0];
    int llmPort = Integer.parseInt(args[1]);
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    boolean jdkServer = args.length > 2 && args[2].equals("jdk");
    int serverCpu = args.length > 3 ? Integer.parseInt(args[3]) : -1;
    try (LoopbackServers servers = serverCpu < 0 ? LoopbackServers.start(jdkServer, llmPort)
            : ThreadAffinity.startedOn(serverCpu, () -> LoopbackServers.start(jdkServer, llmPort));
        Workload workload = Workload.named(workloadName, servers.llmBaseUrl(), servers.other.baseUrl())) {
      FaultServer fault = servers.fault;
      HeaderRichServer rich = servers.rich;
      FaultServer other = servers.other;
      long made = 0;
      System.out.println("READY");
      for (String command = commands.readLine(); command != null; command = commands.readLine()) {
        if (command.startsWith("calls ")) {
          long switches0 = ThreadSwitches.voluntary(serverCpu);
          long cpu0 = ThreadsCpu.nanos();
          long start = System.nanoTime();
          CallCost cost = new CallCost();
          long[] nanos = batch(workload, Integer.parseInt(command.substring(6)));
          String costPerCall = cost.perCall(nanos.length);
          long cpuPerCall = (ThreadsCpu.nanos() - cpu0) / nanos.length;
          long wall = System.nanoTime() - start;
          made += nanos.length;
          long switches = ThreadSwitches.voluntary(serverCpu);
          String switchesPerCall = switches < 0 || switches0 < 0 ? "-1"
              : Double.toString((switches - switches0) / (double) nanos.length);
          long[] p = dev.airbag.bench.Stats.p50p99p999(nanos);
          System.out.println("BATCH " + p[0] + " " + p[1] + " " + cpuPerCall + " " + costPerCall + " " + wall + " "
              + JitTime.totalNanos() + " " + switchesPerCall);
        } else if (command.startsWith("profile ")) {
          int calls = Integer.parseInt(command.substring(8));
          System.out.println("PROFILE " + profile(workload, calls));
          made += calls;
        } else if (command.equals("end")) {
          ChildReport.put("agent_attached", ChildReport.agentAttached() ? 1 : 0);
          // The non-LLM server counts no LLM requests: count what it recorded instead.
          int served = (jdkServer ? rich.requestCount() : fault.requestCount()) + other.receivedCount();
          ChildReport.put("upstream_requests_per_call", served / (double) made);
          if (jdkServer) {
            ChildReport.put("connections_per_call", rich.connectionCount() / (double) made);
          }
          if (serverCpu >= 0) {
            ChildReport.put("threads_on_server_cpu", ThreadAffinity.threadsOn(serverCpu));
            ChildReport.put("caller_on_server_cpu", ThreadAffinity.callerOn(serverCpu) ? 1 : 0);
          }
          ChildReport.putMemory();
          System.out.println("END");
          return;
        } else {
          throw new IllegalArgumentException("unknown command " + command);
        }
      }
    }
  }

  /**
   * {@code calls} calls under async-profiler: "calling_own calling_all every_own every_all cpu_ns thread_cpu_ns
   * thread_bytes all_bytes" ({@link OwnFrames}' sample counts, then the costs per call as a batch reports them), or
   * "unavailable WHY" where the profiler cannot run (a platform its jar has no library for).
   */
  private static String profile(Workload workload, int calls) throws Exception {
    one.profiler.AsyncProfiler profiler;
    try {
      profiler = one.profiler.AsyncProfiler.getInstance();
      try {
        profiler.execute("start,event=cpu,interval=1ms,threads");
      } catch (IllegalStateException noPerfEvents) {
        profiler.execute("start,event=itimer,interval=1ms,threads");
      }
    } catch (Throwable unavailable) {
      return "unavailable " + unavailable.toString().replace(' ', '_');
    }
    long cpu0 = ThreadsCpu.nanos();
    CallCost cost = new CallCost();
    batch(workload, calls);
    String costPerCall = cost.perCall(calls);
    long cpuPerCall = (ThreadsCpu.nanos() - cpu0) / calls;
    profiler.execute("stop");
    OwnFrames own = OwnFrames.count(profiler.dumpCollapsed(one.profiler.Counter.SAMPLES),
        Thread.currentThread().getName());
    return own.callingOwn + " " + own.callingAll + " " + own.everyOwn + " " + own.everyAll + " " + cpuPerCall + " "
        + costPerCall;
  }

  private static long[] batch(Workload workload, int calls) throws Exception {
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      workload.call();
      nanos[i] = System.nanoTime() - t0;
    }
    return nanos;
  }

  /** The child's loopback servers: the LLM server the workload calls, and one for its calls to anything else. */
  private static final class LoopbackServers implements AutoCloseable {
    final FaultServer fault;
    final HeaderRichServer rich;
    final FaultServer other;

    private LoopbackServers(FaultServer fault, HeaderRichServer rich, FaultServer other) {
      this.fault = fault;
      this.rich = rich;
      this.other = other;
    }

    static LoopbackServers start(boolean jdkServer, int llmPort) throws Exception {
      FaultServer fault = jdkServer ? null : FaultServer.start(llmPort);
      HeaderRichServer rich = jdkServer ? HeaderRichServer.start(llmPort) : null;
      FaultServer other = FaultServer.start();
      if (fault != null) {
        fault.keepRequests(false);
      }
      other.keepRequests(false);
      return new LoopbackServers(fault, rich, other);
    }

    String llmBaseUrl() {
      return rich != null ? rich.baseUrl() : fault.baseUrl();
    }

    @Override
    public void close() throws Exception {
      try (FaultServer f = fault; HeaderRichServer r = rich; FaultServer o = other) {
        // Closed in reverse order, each even if another fails.
      }
    }
  }
}
