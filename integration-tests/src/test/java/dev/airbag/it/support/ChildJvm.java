package dev.airbag.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts an app in a child JVM, with or without the agent, and collects what it printed. */
public final class ChildJvm {
  public static final Path AGENT_JAR = Paths.get(System.getProperty("airbag.agent.jar", "../agent/target/airbag-agent.jar"))
      .toAbsolutePath().normalize();

  private final Jdk jdk;
  private final List<String> classpath = new ArrayList<>();
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String agentArgs;
  private boolean withAgent;
  private Duration timeout = Duration.ofSeconds(90);

  private ChildJvm(Jdk jdk) {
    this.jdk = jdk;
  }

  public static ChildJvm on(Jdk jdk) {
    return new ChildJvm(jdk);
  }

  /** The test class path: the SDKs, OkHttp 4 and the apps. */
  public ChildJvm testClasspath() {
    classpath.add(System.getProperty("java.class.path"));
    return this;
  }

  /** The compiled apps plus the jars of one app-libs folder (okhttp3, okhttp5), and nothing else. */
  public ChildJvm appLibs(String folder) throws IOException {
    classpath.add(System.getProperty("airbag.test.classes"));
    try (var jars = Files.list(Paths.get(System.getProperty("airbag.app.libs"), folder))) {
      jars.sorted().forEach(jar -> classpath.add(jar.toString()));
    }
    return this;
  }

  /** Adds one class path entry. */
  public ChildJvm classpath(String entry) {
    classpath.add(entry);
    return this;
  }

  /** Attaches the agent; {@code args} is the agent argument string, null for none. */
  public ChildJvm agent(String args) {
    this.withAgent = true;
    this.agentArgs = args;
    return this;
  }

  public ChildJvm agentWithConfig(Path config) {
    return agent("config=" + config);
  }

  public ChildJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  public ChildJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public ChildJvm timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  public Result run(String mainClass, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    if (withAgent) {
      command.add("-javaagent:" + AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs));
    }
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(List.of(args));
    Path out = Files.createTempFile("child-out", ".txt");
    Path err = Files.createTempFile("child-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AIRBAG_") || name.equals("JAVA_TOOL_OPTIONS"));
    builder.environment().putAll(env);
    Process process = builder.start();
    boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Result result = new Result(finished ? process.exitValue() : -1, Files.readString(out), Files.readString(err), !finished);
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    if (result.timedOut()) {
      throw new AssertionError("child JVM timed out after " + timeout + ": " + command + "\n" + result);
    }
    return result;
  }

  /** What a child JVM printed and how it ended. */
  public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
    public List<String> stdoutLines() {
      return stdout.lines().toList();
    }

    /** The agent's own lines on stderr. */
    public List<String> airbagLines() {
      return stderr.lines().filter(line -> line.startsWith("[airbag]")).toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
