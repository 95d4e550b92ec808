package dev.airbag.bench.apps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The voluntary context switches of every live thread of this JVM so far, from Linux's {@code /proc/self/task}: a
 * thread switches out voluntarily when it waits for another, so a thread hop that an agent adds to each call counts
 * one more per call, whatever the timings say. -1 where there is no {@code /proc}. A thread that ends within a batch
 * drops out of it. Thread-safe.
 */
final class ThreadSwitches {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final String VOLUNTARY = "voluntary_ctxt_switches:";

  private ThreadSwitches() {
  }

  static long voluntary() {
    if (!Files.isDirectory(TASKS)) {
      return -1;
    }
    long total = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith(VOLUNTARY)) {
              total += Long.parseLong(line.substring(VOLUNTARY.length()).trim());
            }
          }
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
