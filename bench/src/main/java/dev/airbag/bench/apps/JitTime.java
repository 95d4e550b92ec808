package dev.airbag.bench.apps;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JIT compilers' time since the JVM started, so that the driver can tell when a child has stopped compiling:
 * until then a batch measures compilation (the agent's own code compiled, the client's compiled around it) as much
 * as calls. -1 where the JVM does not keep it (no JIT, or a JVM without the counter).
 */
final class JitTime {
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  private JitTime() {
  }

  static long totalNanos() {
    if (JIT == null || !JIT.isCompilationTimeMonitoringSupported()) {
      return -1;
    }
    return JIT.getTotalCompilationTime() * 1_000_000;
  }
}
