package dev.airbag.bench.apps;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a child JVM hands its measurements to the driver: one {@code RESULT key value} line each on stdout, which
 * the driver parses. Also reads the memory figures every workload reports. Stateless.
 */
public final class ChildReport {
  public static final String PREFIX = "RESULT ";

  private ChildReport() {
  }

  public static void put(String key, long value) {
    System.out.println(PREFIX + key + " " + value);
  }

  public static void put(String key, double value) {
    System.out.println(PREFIX + key + " " + value);
  }

  /** Whether this JVM runs with the Airbag agent attached (the agent jar is then on the system class path). */
  public static boolean agentAttached() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(arg -> arg.startsWith("-javaagent:") && arg.contains("airbag"));
  }

  /** Sorted per-call samples as p50, p99 and p99.9 in nanoseconds. */
  public static void putLatencies(String prefix, long[] nanos) {
    long[] p = dev.airbag.bench.Stats.p50p99p999(nanos);
    put(prefix + ".p50_ns", p[0]);
    put(prefix + ".p99_ns", p[1]);
    put(prefix + ".p999_ns", p[2]);
  }

  /** Heap in use after a full collection, and the process's resident set size, after the workload. */
  public static void putMemory() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    put("heap_used_bytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    put("rss_bytes", residentSetBytes());
  }

  /** VmRSS from /proc/self/status; -1 where there is none (not Linux). */
  static long residentSetBytes() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or an unexpected format: say so with -1 rather than fail the run.
    }
    return -1;
  }
}
