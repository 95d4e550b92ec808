package dev.airbag.bench;

import dev.airbag.bench.apps.NoopAgent;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Where things are: the repository root, the agent jar, the java launcher and the two class paths child JVMs run
 * on (the apps', which never holds the agent's own classes, and the in-process benchmarks', which does). Also
 * writes each run's agent configuration. Immutable apart from the scratch directory it creates.
 */
final class BenchEnvironment {
  final Path root;
  final Path agentJar;
  final Path demoJar;
  final Path demoConfig;
  final String java;
  final String appClasspath;
  final String inProcessClasspath;
  final Path scratch;

  private BenchEnvironment(Path root) throws IOException {
    this.root = root;
    // -Dairbag.bench.agent=JAR measures another build of the agent (a before/after comparison) on the same bench.
    String otherAgent = System.getProperty("airbag.bench.agent");
    agentJar = otherAgent != null ? Path.of(otherAgent) : root.resolve("agent/target/airbag-agent.jar");
    demoJar = root.resolve("demo-app/target/airbag-demo-app.jar");
    demoConfig = root.resolve("demo-app/airbag-demo.properties");
    java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path target = root.resolve("bench/target");
    appClasspath = join(target.resolve("classes"), read(target.resolve("bench-app.classpath")));
    inProcessClasspath = join(target.resolve("test-classes"), target.resolve("classes") + File.pathSeparator
        + read(target.resolve("bench-inprocess.classpath")));
    scratch = Files.createTempDirectory("airbag-bench");
    require(agentJar, "the agent jar: run ./bench.sh, or mvn -B -DskipTests package");
  }

  /** The root given by {@code airbag.bench.root}, else the working directory or its parent (run from bench/). */
  static BenchEnvironment detect() throws IOException {
    String given = System.getProperty("airbag.bench.root");
    Path cwd = Path.of("").toAbsolutePath();
    Path root = given != null ? Path.of(given) : Files.isDirectory(cwd.resolve("agent")) ? cwd : cwd.getParent();
    return new BenchEnvironment(root.toAbsolutePath().normalize());
  }

  /**
   * A jar holding only {@link NoopAgent}, written once into the scratch directory: an agent whose premain does
   * nothing, so that a run with it measures what the JVM charges for any {@code -javaagent}.
   */
  synchronized Path noopAgentJar() throws IOException {
    Path jar = scratch.resolve("noop-agent.jar");
    if (Files.exists(jar)) {
      return jar;
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", NoopAgent.class.getName());
    String entry = NoopAgent.class.getName().replace('.', '/') + ".class";
    try (InputStream bytes = NoopAgent.class.getResourceAsStream("/" + entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      if (bytes == null) {
        throw new IOException("no " + entry + " on the bench's class path");
      }
      out.putNextEntry(new JarEntry(entry));
      bytes.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  /** A fresh directory for one child run: its working directory, config, events file and spool. */
  Path runDir(String name) throws IOException {
    return Files.createTempDirectory(scratch, name + "-");
  }

  /** Writes the agent configuration of one run: the loopback server on {@code llmPort} is a declared endpoint. */
  Path agentConfig(Path dir, int llmPort, Map<String, String> extra) throws IOException {
    StringBuilder text = new StringBuilder()
        .append("airbag.service.name=airbag-bench\n")
        .append("airbag.endpoint.bench.url=http://127.0.0.1:").append(llmPort).append("/v1\n")
        .append("airbag.endpoint.bench.provider=openai\n")
        .append("airbag.export.file.path=").append(dir.resolve("airbag-events.jsonl")).append('\n')
        .append("airbag.export.spool.dir=").append(dir.resolve("spool")).append('\n');
    extra.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    Path config = dir.resolve("airbag.properties");
    Files.writeString(config, text);
    return config;
  }

  /** A port free on loopback now (the child binds it a moment later; nothing else here races for it). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path classpathFile) throws IOException {
    require(classpathFile, "the class path Maven writes: run ./bench.sh, or mvn -B -DskipTests package -pl bench -am");
    return Files.readString(classpathFile).trim();
  }

  private static String join(Path first, String rest) {
    return List.of(first.toString(), rest).stream().filter(s -> !s.isEmpty())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static void require(Path path, String what) {
    if (!Files.exists(path)) {
      throw new IllegalStateException("missing " + path + ": " + what);
    }
  }
}
