package dev.airbag.it.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM the test talks to while it runs (for attach): its stdout is read line by line. */
public final class LiveJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader stdout;
  private final Path stderr;
  private final List<String> lines = new ArrayList<>();

  private LiveJvm(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  public static LiveJvm start(Jdk jdk, List<String> jvmArgs, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, System.getProperty("java.class.path")));
    command.add(mainClass);
    command.addAll(List.of(args));
    Path err = Files.createTempFile("live-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AIRBAG_") || name.equals("JAVA_TOOL_OPTIONS"));
    return new LiveJvm(builder.start(), err);
  }

  public long pid() {
    return process.pid();
  }

  /** Reads stdout until a line starting with {@code prefix}; fails if the JVM ends first. */
  public String awaitLine(String prefix) throws IOException {
    for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
      lines.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("child ended before printing " + prefix + ": " + lines + "\n" + stderr());
  }

  /** Waits for the end and returns every stdout line. */
  public List<String> finish() throws IOException, InterruptedException {
    for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
      lines.add(line);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("child did not end: " + lines);
    }
    return lines;
  }

  public String stderr() throws IOException {
    return Files.readString(stderr);
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(stderr);
  }
}
