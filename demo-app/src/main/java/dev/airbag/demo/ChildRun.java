package dev.airbag.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One way of one scenario: the loan summariser in a child JVM (with the agent for {@link Way#AIRBAG}), its
 * output copied to a log file. It warms up, says {@code READY}, and starts when {@link #go()} is called. Used by
 * one thread.
 */
final class ChildRun implements AutoCloseable {
  private final Process process;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread copier;

  private ChildRun(Process process, Path log) {
    this.process = process;
    this.copier = new Thread(() -> copy(log), "demo-child-output");
    copier.setDaemon(true);
    copier.start();
  }

  /** Starts the app for {@code way} against {@code baseUrl}; it writes calls to {@code results}. */
  static ChildRun start(Way way, String baseUrl, DemoOptions options, Path results, Path events, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
    if (way.agent()) {
      command.add("-javaagent:" + options.agentJar() + "=config=" + options.agentConfig());
      // The server's port is chosen at run time; everything else comes from the demo's properties file.
      command.add("-Dairbag.endpoint.demo-openai.url=" + baseUrl + "/v1");
      command.add("-Dairbag.endpoint.demo-anthropic.url=" + baseUrl + "/v1/messages");
      command.add("-Dairbag.export.file.path=" + events);
    }
    // The same lean JVM for every way: three start at once on two cores.
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"));
    command.addAll(List.of("-cp", options.classpath(), LoanSummariser.class.getName(), way.appMode(), baseUrl,
        Integer.toString(options.calls()), Long.toString(options.interval().toMillis()), results.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AIRBAG_") || name.equals("JAVA_TOOL_OPTIONS"));
    return new ChildRun(builder.start(), log);
  }

  boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && process.isAlive();
  }

  void go() {
    PrintWriter stdin = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    stdin.println("GO");
    stdin.flush();
  }

  /** The exit code, or -1 if the app had to be stopped after {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      return -1;
    }
    copier.join(2000);
    return process.exitValue();
  }

  private void copy(Path log) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)); BufferedWriter out = Files.newBufferedWriter(log)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("READY")) {
          ready.countDown();
        }
        out.write(line);
        out.newLine();
      }
    } catch (IOException e) {
      // The child ended or the log could not be written: the run's results file still tells what happened.
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
