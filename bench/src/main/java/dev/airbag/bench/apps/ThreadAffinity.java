package dev.airbag.bench.apps;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Puts the threads a piece of code starts on another CPU than the rest of this JVM, with Linux's {@code taskset} on
 * the calling thread: a thread starts with its creator's CPUs, so a server started while the calling thread sits on
 * CPU n runs all its threads there, those it starts later included. This is how the benchmark's child keeps its
 * loopback server off the client's CPU, as a remote server would be. Thread-safe; Linux only.
 */
final class ThreadAffinity {
  private static final String ALLOWED = "Cpus_allowed_list:";

  private ThreadAffinity() {
  }

  /** Runs {@code start} with the calling thread on {@code cpu}, then puts the thread back where it was. */
  static <T> T startedOn(int cpu, Callable<T> start) throws Exception {
    String tid = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
    String before = allowed(Path.of("/proc/self/task", tid));
    taskset(tid, Integer.toString(cpu));
    try {
      return start.call();
    } finally {
      taskset(tid, before);
    }
  }

  /** The live threads of this JVM that may run on {@code cpu} alone. */
  static int threadsOn(int cpu) throws IOException {
    int count = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          count += allowed(task).equals(Integer.toString(cpu)) ? 1 : 0;
        } catch (IOException ended) {
          // The thread ended since the listing.
        }
      }
    }
    return count;
  }

  /** Whether the calling thread may run on {@code cpu} alone. */
  static boolean callerOn(int cpu) throws IOException {
    return allowed(Path.of("/proc/thread-self")).equals(Integer.toString(cpu));
  }

  private static String allowed(Path task) throws IOException {
    for (String line : Files.readAllLines(task.resolve("status"))) {
      if (line.startsWith(ALLOWED)) {
        return line.substring(ALLOWED.length()).trim();
      }
    }
    throw new IOException(task + "/status has no " + ALLOWED);
  }

  private static void taskset(String tid, String cpus) throws IOException, InterruptedException {
    Process taskset = new ProcessBuilder("taskset", "-p", "-c", cpus, tid).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!taskset.waitFor(30, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
      taskset.destroyForcibly();
      throw new IllegalStateException("taskset -p -c " + cpus + " " + tid + " failed; the benchmark's driver only asks"
          + " for a CPU it may use");
    }
  }
}
