package dev.airbag.bench;

import dev.airbag.bench.apps.ChildReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of the benchmark, with or without {@code -javaagent}, started on the same JDK and flags either way
 * so that the agent is the only difference. Collects the child's {@code RESULT} lines, or times its first line.
 * Not thread-safe; one run per instance.
 */
final class ChildJvm {
  private final BenchEnvironment env;
  private final Path dir;
  private final List<String> jvmArgs = new ArrayList<>();
  private List<String> prefix = List.of();
  private Duration timeout = Duration.ofMinutes(5);

  ChildJvm(BenchEnvironment env, Path dir) {
    this.env = env;
    this.dir = dir;
  }

  /** Attaches the agent with this configuration file; null leaves it off. */
  ChildJvm agent(Path config) {
    if (config != null) {
      jvmArgs.add("-javaagent:" + env.agentJar + "=config=" + config);
    }
    return this;
  }

  /** Attaches another agent jar, with no arguments ({@link BenchEnvironment#noopAgentJar}). */
  ChildJvm javaagent(Path jar) {
    jvmArgs.add("-javaagent:" + jar);
    return this;
  }

  /** Runs the JVM under {@code pinning}'s CPU affinity. */
  ChildJvm pinned(CpuPinning pinning) {
    this.prefix = pinning.prefix();
    return this;
  }

  ChildJvm jvmArgs(String... args) {
    jvmArgs.addAll(List.of(args));
    return this;
  }

  ChildJvm timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Runs {@code mainClass} on {@code classpath} to its end and returns its RESULT values; fails on a bad exit. */
  Map<String, Double> run(String classpath, String mainClass, String... args) throws IOException, InterruptedException {
    List<String> command = command("-cp", classpath, mainClass);
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process process = builder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("timed out after " + timeout + ": " + describe(command, err));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("exit " + process.exitValue() + ": " + describe(command, err));
    }
    Map<String, Double> results = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out)) {
      if (line.startsWith(ChildReport.PREFIX)) {
        String[] parts = line.substring(ChildReport.PREFIX.length()).split(" ");
        results.put(parts[0], Double.parseDouble(parts[1]));
      }
    }
    return results;
  }

  /** Starts {@code mainClass} for a conversation on its stdin and stdout; waits for its {@code READY}. */
  LiveChild start(String classpath, String mainClass, String... args) throws IOException {
    List<String> command = command("-cp", classpath, mainClass);
    command.addAll(List.of(args));
    Path err = dir.resolve("stderr.txt");
    Process process = builder(command).redirectError(err.toFile()).start();
    LiveChild child = new LiveChild(process, err, () -> {
      try {
        return describe(command, err);
      } catch (IOException e) {
        return String.join(" ", command);
      }
    });
    child.ask(null, "READY");
    return child;
  }

  /**
   * Nanoseconds from starting the JVM to reading the first line it prints on stdout; the process is then ended
   * (the demo would go on with its workload). {@code tail} is {@code -cp CP MAIN} or {@code -jar JAR}.
   */
  long nanosToFirstLine(String... tail) throws IOException, InterruptedException {
    List<String> command = command(tail);
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = builder(command).redirectError(err.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    String first;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      first = reader.readLine();
      long elapsed = System.nanoTime() - start;
      if (first == null) {
        process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        throw new IllegalStateException("printed nothing: " + describe(command, err));
      }
      return elapsed;
    } finally {
      // The demo may start JVMs of its own: end them too, then the app.
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private List<String> command(String... tail) {
    List<String> command = new ArrayList<>(prefix);
    command.add(env.java);
    command.addAll(jvmArgs);
    command.addAll(List.of(tail));
    return command;
  }

  private ProcessBuilder builder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    // The caller's own Airbag settings or agents must not leak into either side of a comparison.
    builder.environment().keySet().removeIf(name -> name.startsWith("AIRBAG_") || name.equals("JAVA_TOOL_OPTIONS"));
    return builder;
  }

  private String describe(List<String> command, Path err) throws IOException {
    String stderr = Files.exists(err) ? Files.readString(err) : "";
    return String.join(" ", command).replace(env.appClasspath, "<app class path>")
        .replace(env.inProcessClasspath, "<in-process class path>") + "\n--- stderr (tail)\n"
        + stderr.substring(Math.max(0, stderr.length() - 4000));
  }
}
