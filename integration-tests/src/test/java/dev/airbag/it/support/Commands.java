package dev.airbag.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a short command of the test set-up (dpkg-deb, java -version) and returns what it printed. Stateless. */
final class Commands {
  private Commands() {}

  /** stdout and stderr together; an IOException says the command, its exit code and its output when it failed. */
  static String run(Duration timeout, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    // Read on a side thread so a chatty command cannot block on a full pipe while we wait for it.
    AtomicReference<String> output = new AtomicReference<>("");
    Thread reader = new Thread(() -> {
      try {
        output.set(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException ignored) {
        // The process was killed: what it printed so far is lost, the exit says enough.
      }
    }, "command-output");
    reader.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IOException(command + " did not finish within " + timeout);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    String text = output.get();
    if (process.exitValue() != 0) {
      throw new IOException(command + " exited with " + process.exitValue() + ":\n" + text);
    }
    return text;
  }
}
