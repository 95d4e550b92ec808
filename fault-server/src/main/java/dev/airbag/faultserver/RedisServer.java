package dev.airbag.faultserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis for the tests and the bench, next to the fault server they already share: Debian's
 * {@code redis-server}, on loopback, a fresh port each time, no persistence ({@code --save '' --appendonly no}), its
 * files in a temp dir. {@link #locate()} finds the binary, installing the package with apt-get when it is missing and
 * this runs as root, as the Prometheus tests do. {@link #stop()} kills it (a Redis lost mid-run); {@link #restart()}
 * starts it again, empty, on the same port. {@link #startWithTls} also listens for TLS on a second port, with a
 * self-signed certificate. {@link #close()} always stops the process and removes the dir. Not thread-safe.
 */
public final class RedisServer implements AutoCloseable {
  private static final long INSTALL_TIMEOUT_SECONDS = TimeUnit.MINUTES.toSeconds(10);

  private final Path binary;
  private final Path dir;
  private final int port;
  private final String password;
  /** The TLS port and its certificate, or null for plain TCP only. */
  private final int tlsPort;
  private final SelfSignedTls tls;
  private Process process;

  private RedisServer(Path binary, Path dir, int port, String password, int tlsPort, SelfSignedTls tls) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.password = password;
    this.tlsPort = tlsPort;
    this.tls = tls;
  }

  /** The redis-server binary, installing it if possible; null when it is missing and cannot be installed. */
  public static Path locate() throws IOException, InterruptedException {
    Path found = onPath();
    if (found != null || !isRoot() || !Files.isExecutable(Paths.get("/usr/bin/apt-get"))) {
      return found;
    }
    System.out.println("[redis] not installed; running apt-get install redis-server (root)");
    if (!run("apt-get", "install", "-y", "--no-install-recommends", "redis-server")) {
      run("apt-get", "update");
      run("apt-get", "install", "-y", "--no-install-recommends", "redis-server");
    }
    return onPath();
  }

  /** Starts a Redis without a password on a free loopback port and waits until it answers PING. */
  public static RedisServer start(Path binary) throws IOException, InterruptedException {
    return start(binary, null);
  }

  /** As above, requiring AUTH with {@code password} (null for none). */
  public static RedisServer start(Path binary, String password) throws IOException, InterruptedException {
    return launched(new RedisServer(binary, Files.createTempDirectory("airbag-redis"), freePort(), password, 0, null));
  }

  /**
   * As {@link #start(Path)}, also serving TLS ({@link #tlsUrl()}) with a certificate for 127.0.0.1 that {@link
   * #tls()}'s trust store holds; the plain port stays, for {@link #command}. Needs a redis-server built with TLS, as
   * Debian's is.
   */
  public static RedisServer startWithTls(Path binary) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("airbag-redis");
    return launched(new RedisServer(binary, dir, freePort(), null, freePort(), SelfSignedTls.create(dir)));
  }

  private static RedisServer launched(RedisServer server) throws IOException, InterruptedException {
    try {
      server.launch();
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** {@code rediss://127.0.0.1:<tls port>}, for a server started with TLS. */
  public String tlsUrl() {
    if (tls == null) {
      throw new IllegalStateException("started without TLS");
    }
    return "rediss://127.0.0.1:" + tlsPort;
  }

  /** The certificate and the trust store of a server started with TLS, or null. */
  public SelfSignedTls tls() {
    return tls;
  }

  /** Kills the server at once, as a crash would: clients see their connections drop. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  /** Starts a fresh, empty server on the same port. */
  public void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  /** Sends one command and returns its reply as text, for tests that read or tamper with the keys. */
  public String command(String... args) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      if (password != null) {
        out.write(resp("AUTH", password));
      }
      out.write(resp(args));
      out.flush();
      InputStream in = socket.getInputStream();
      if (password != null) {
        readReply(in);
      }
      return readReply(in);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  private void launch() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()));
    if (password != null) {
      command.addAll(List.of("--requirepass", password));
    }
    if (tls != null) {
      command.addAll(List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", tls.certificate().toString(),
          "--tls-key-file", tls.privateKey().toString(), "--tls-ca-cert-file", tls.certificate().toString(),
          "--tls-auth-clients", "no"));
    }
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        if (command("PING").contains("PONG")) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IOException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
      }
      // Real time on purpose: a child process starting up.
      Thread.sleep(20);
    }
  }

  private static byte[] resp(String... args) {
    StringBuilder text = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      text.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One reply as text: a bulk string's value, an array's elements one per line, any other reply's line. */
  private static String readReply(InputStream in) throws IOException {
    String line = readLine(in);
    if (line.startsWith("*")) {
      int count = Integer.parseInt(line.substring(1));
      List<String> elements = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        elements.add(readReply(in));
      }
      return String.join("\n", elements);
    }
    if (!line.startsWith("$")) {
      return line;
    }
    int length = Integer.parseInt(line.substring(1));
    if (length < 0) {
      return "(nil)";
    }
    byte[] body = in.readNBytes(length + 2);
    return new String(body, 0, length, StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static Path onPath() {
    for (String dirName : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Paths.get(dirName, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean isRoot() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
    String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return id.waitFor(10, TimeUnit.SECONDS) && "0".equals(out);
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (!p.waitFor(INSTALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
