package dev.airbag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the servers section's children run: both on one CPU, the last this process may use, with {@code taskset}.
 * They take turns, so they never compete for it; what pinning removes is the scheduler moving a call's threads (the
 * client's, the server's, an event loop's) between cores, whose cross-core wake-ups flip a batch's median by tens of
 * microseconds on a small machine and drown a difference of a few. An extra thread hop of Airbag's would still show:
 * as its CPU time in the paired timings, and as a context switch in the section's count of them. Immutable.
 */
final class CpuPinning {
  private final List<String> prefix;
  private final String description;

  private CpuPinning(List<String> prefix, String description) {
    this.prefix = prefix;
    this.description = description;
  }

  static CpuPinning none(String why) {
    return new CpuPinning(List.of(), "children unpinned (" + why + ")");
  }

  /** Pinned to the last allowed CPU where Linux, {@code taskset} and two CPUs or more allow it; else unpinned. */
  static CpuPinning lastCpu() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return none("no /proc/self/status: not Linux");
    }
    String taskset = onPath("taskset");
    if (taskset == null) {
      return none("taskset is not on the PATH; Debian's util-linux has it");
    }
    try {
      String allowed = Files.readAllLines(status).stream().filter(line -> line.startsWith("Cpus_allowed_list:"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("");
      return lastOf(allowed, taskset);
    } catch (IOException unreadable) {
      return none("/proc/self/status unreadable: " + unreadable.getMessage());
    }
  }

  /** Pinned to the last CPU of {@code allowed} (Linux's list form, {@code 0-3,8}) with {@code taskset}. */
  static CpuPinning lastOf(String allowed, String taskset) {
    int last = -1;
    int count = 0;
    try {
      for (String range : allowed.split(",")) {
        String[] ends = range.trim().split("-");
        if (ends[0].isEmpty()) {
          continue;
        }
        int from = Integer.parseInt(ends[0]);
        int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
        count += to - from + 1;
        last = Math.max(last, to);
      }
    } catch (NumberFormatException unexpected) {
      return none("allowed CPUs \"" + allowed + "\" not understood");
    }
    if (count < 2) {
      return none("this process may use " + count + " CPU");
    }
    return new CpuPinning(List.of(taskset, "-c", Integer.toString(last)),
        "both children pinned to CPU " + last + " of " + allowed + " (taskset), taking turns");
  }

  /** What goes before the JVM's command line: empty when unpinned. */
  List<String> prefix() {
    return prefix;
  }

  String description() {
    return description;
  }

  private static String onPath(String program) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/bin:/bin" : path).split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
