package dev.airbag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the happy-path and servers sections' children run. By default each child runs on the last CPU this process
 * may use, and the loopback server inside it on the first, with {@code taskset}: a remote server's work is not on the
 * client's CPU, and on a small machine the scheduler otherwise moves a call's threads (the client's, the server's, an
 * event loop's) between cores, whose cross-core wake-ups flip a batch's median by tens of microseconds and drown a
 * difference of a few. The children take turns, so they never compete for either CPU. {@code --one-cpu} puts the
 * servers with the clients: then every cycle a call costs anywhere in the child is on the one CPU's clock. An extra
 * thread hop of Airbag's shows either way, in the servers section's count of context switches. Immutable.
 */
final class CpuPinning {
  private final List<String> prefix;
  private final int serverCpu;
  private final String description;

  private CpuPinning(List<String> prefix, int serverCpu, String description) {
    this.prefix = prefix;
    this.serverCpu = serverCpu;
    this.description = description;
  }

  static CpuPinning none(String why) {
    return new CpuPinning(List.of(), -1, "children unpinned (" + why + ")");
  }

  /** The placement {@code --unpinned} and {@code --one-cpu} ask for. */
  static CpuPinning chosenBy(BenchOptions o) {
    return o.unpinned ? none("--unpinned") : choose(o.oneCpu);
  }

  /**
   * Pinned where Linux, {@code taskset} and two CPUs or more allow it, else unpinned: the servers on the first allowed
   * CPU and the rest on the last, or all on the last when {@code oneCpu}.
   */
  static CpuPinning choose(boolean oneCpu) {
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
      return of(allowed, taskset, oneCpu);
    } catch (IOException unreadable) {
      return none("/proc/self/status unreadable: " + unreadable.getMessage());
    }
  }

  /** Pinned within {@code allowed} (Linux's list form, {@code 0-3,8}) with {@code taskset}; see {@link #choose}. */
  static CpuPinning of(String allowed, String taskset, boolean oneCpu) {
    int first = Integer.MAX_VALUE;
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
        first = Math.min(first, from);
        last = Math.max(last, to);
      }
    } catch (NumberFormatException unexpected) {
      return none("allowed CPUs \"" + allowed + "\" not understood");
    }
    if (count < 2) {
      return none("this process may use " + count + " CPU");
    }
    List<String> prefix = List.of(taskset, "-c", Integer.toString(last));
    if (oneCpu) {
      return new CpuPinning(prefix, -1, "both children, servers and clients, pinned to CPU " + last + " of " + allowed
          + " (taskset), taking turns");
    }
    return new CpuPinning(prefix, first, "both children pinned to CPU " + last + " of " + allowed + ", their loopback"
        + " servers' threads to CPU " + first + " (taskset), taking turns");
  }

  /** What goes before the JVM's command line: empty when unpinned. */
  List<String> prefix() {
    return prefix;
  }

  /** The CPU the child's loopback servers run on alone, or -1 where they run with the rest of the child. */
  int serverCpu() {
    return serverCpu;
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
