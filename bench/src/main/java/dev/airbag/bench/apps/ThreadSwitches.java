package dev.airbag.bench.apps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The voluntary context switches of this JVM's live threads so far, from Linux's {@code /proc/self/task}: a thread
 * switches out voluntarily when it waits for another, so a thread hop that an agent adds to each call counts one more
 * per call, whatever the timings say. -1 where there is no {@code /proc}. A thread that ends within a batch drops out
 * of it. Thread-safe.
 */
final class ThreadSwitches {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final String VOLUNTARY = "voluntary_ctxt_switches:";
  private static final String ALLOWED = "Cpus_allowed_list:";

  private ThreadSwitches() {
  }

  /**
   * Every thread's switches but those of the threads pinned to {@code excludedCpu} alone (the child's loopback
   * servers, {@link ThreadAffinity}), or every thread's where it is negative. A server on another CPU wakes as often
   * as its client's bytes happen to arrive apart, which is the timing's, not a hop on the client's path.
   */
  static long voluntary(int excludedCpu) {
    if (!Files.isDirectory(TASKS)) {
      return -1;
    }
    String excluded = Integer.toString(excludedCpu);
    long total = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          long switches = 0;
          boolean counted = true;
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith(VOLUNTARY)) {
              switches = Long.parseLong(line.substring(VOLUNTARY.length()).trim());
            } else if (excludedCpu >= 0 && line.startsWith(ALLOWED)) {
              counted = !line.substring(ALLOWED.length()).trim().equals(excluded);
            }
          }
          total += counted ? switches : 0;
        } catch (IOException ended) {
          // The thread ended since the listing.
        }
      }
    } catch (IOException unreadable) {
      return -1;
    }
    return total;
  }
}
