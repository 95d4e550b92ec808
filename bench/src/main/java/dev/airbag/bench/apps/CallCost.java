package dev.airbag.bench.apps;

import java.lang.management.ManagementFactory;

/**
 * What a batch of calls cost, read from {@code com.sun.management.ThreadMXBean}: the calling thread's CPU time and
 * the bytes allocated by the calling thread and by every live thread (the client's own I/O threads, the server's,
 * the agent's exporter). Counters, not samples: they do not move with what else the machine runs, only with what
 * this JVM does, so a difference of a few hundred ns or bytes per call stands out from a few thousand calls. Not
 * thread-safe: one instance per batch, started and read on the calling thread.
 */
final class CallCost {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final long threadCpu0 = THREADS.getCurrentThreadCpuTime();
  private final long threadBytes0 = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  private final long allBytes0 = allThreadsAllocatedBytes();

  /** "thread_cpu_ns thread_bytes all_bytes" per call since this was made, for {@code calls} calls. */
  String perCall(int calls) {
    long threadCpu = THREADS.getCurrentThreadCpuTime() - threadCpu0;
    long threadBytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - threadBytes0;
    long allBytes = allThreadsAllocatedBytes() - allBytes0;
    return threadCpu / calls + " " + threadBytes / calls + " " + allBytes / calls;
  }

  /** A thread that ends within the batch takes its bytes with it; the pools here keep theirs alive. */
  private static long allThreadsAllocatedBytes() {
    long total = 0;
    for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
      total += Math.max(0, bytes);
    }
    return total;
  }
}
