package dev.airbag.bench.apps;

import java.lang.management.ManagementFactory;

/**
 * The CPU time used so far by every live thread of this JVM, in ns: less noisy than wall time on a shared machine,
 * since it counts what a call costs whoever waits for the cores. Per thread (nanosecond clocks), because the
 * process's own total moves in 10 ms ticks; a thread that ends within a batch drops out of it. Thread-safe.
 */
final class ThreadsCpu {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ThreadsCpu() {
  }

  static long nanos() {
    long total = 0;
    for (long t : THREADS.getThreadCpuTime(THREADS.getAllThreadIds())) {
      total += Math.max(0, t);
    }
    return total;
  }
}
