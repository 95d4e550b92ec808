package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server from Debian's {@code prometheus} package, on loopback, scraping one target every
 * second, with its data in a temp dir. {@link #locate()} finds the binary, installing the package with apt-get
 * when it is missing and this runs as root. {@link #close()} always stops the process and removes the data.
 */
final class PrometheusServer implements AutoCloseable {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static final Pattern SCALAR = Pattern.compile("\"value\":\\[[^,\\]]+,\"([^\"]+)\"\\]");

  private final Process process;
  private final Path dir;
  private final int port;

  private PrometheusServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The prometheus binary, installing it if possible; null when it is missing and cannot be installed. */
  static Path locate() throws IOException, InterruptedException {
    Path found = onPath();
    if (found != null || !isRoot() || !Files.isExecutable(Paths.get("/usr/bin/apt-get"))) {
      return found;
    }
    System.out.println("[prometheus] not installed; running apt-get install prometheus (root)");
    long start = System.nanoTime();
    if (run("apt-get", "update") && run("apt-get", "install", "-y", "--no-install-recommends", "prometheus")) {
      System.out.printf("[prometheus] installed in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }
    return onPath();
  }

  /** The prometheus binary as {@link #locate()} finds it; without one the test is skipped, or fails on CI. */
  static Path locateOrSkip() throws IOException, InterruptedException {
    Path binary = locate();
    if (binary == null) {
      String why = "no prometheus binary on PATH or in /usr/bin, and it could not be installed"
          + " (needs root and apt-get: apt-get install prometheus)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return binary;
  }

  /** Starts the server scraping {@code target} (host:port) every second and waits until it is ready. */
  static PrometheusServer start(Path binary, String target) throws IOException, InterruptedException {
    return start(binary, target, null);
  }

  /** As above, also evaluating the rules of {@code rules} (null for none) every second. */
  static PrometheusServer start(Path binary, String target, Path rules) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("airbag-prometheus");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "  scrape_timeout: 1s",
        "  evaluation_interval: 1s",
        rules == null ? "rule_files: []" : "rule_files: ['" + rules.toAbsolutePath() + "']",
        "scrape_configs:",
        "  - job_name: airbag",
        "    static_configs:",
        "      - targets: ['" + target + "']",
        ""));
    int port = Http.freePort();
    Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    PrometheusServer server = new PrometheusServer(process, dir, port);
    try {
      server.awaitReady(Duration.ofSeconds(60));
    } catch (RuntimeException | IOException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Runs an instant PromQL query and returns the first sample's value, or null when the result is empty. */
  String query(String promql) throws IOException, InterruptedException {
    Matcher matcher = SCALAR.matcher(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    return matcher.find() ? matcher.group(1) : null;
  }

  /** The body of a GET of {@code path} (such as {@code /api/v1/rules}), which must answer 200. */
  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = Http.get("http://127.0.0.1:" + port + path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Polls the query until it returns {@code expected}; returns the last value seen. */
  String awaitValue(String promql, String expected, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String value = query(promql);
    while (!expected.equals(value) && System.nanoTime() < deadline) {
      // Real time on purpose: the server scrapes on its own one-second clock.
      Thread.sleep(500);
      value = query(promql);
    }
    return value;
  }

  String log() throws IOException {
    Path log = dir.resolve("prometheus.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        if (Http.get("http://127.0.0.1:" + port + "/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("prometheus not ready within " + timeout + ":\n" + log());
  }

  private static Path onPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : (path + ":/usr/bin").split(":")) {
      Path candidate = Paths.get(entry.isEmpty() ? "." : entry, "prometheus");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean isRoot() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
    String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return id.waitFor() == 0 && "0".equals(uid);
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    System.out.println("[prometheus] " + String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(List.of(command)).inheritIO();
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process process = builder.start();
    if (!process.waitFor(INSTALL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
      process.destroyForcibly();
      System.out.println("[prometheus] timed out after " + INSTALL_TIMEOUT);
      return false;
    }
    return process.exitValue() == 0;
  }
}
