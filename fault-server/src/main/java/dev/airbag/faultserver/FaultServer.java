package dev.airbag.faultserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that answers like OpenAI ({@code POST …/chat/completions}), Anthropic
 * ({@code POST …/messages}) and Gemini ({@code POST …/models/{m}:generateContent}), streaming included, and fails as its {@link FaultPlan} says. It records every
 * request and counts the LLM ones per model, so a test can check what a client sent and how often it retried.
 * {@code GET /health} answers {@code ok}; other paths get a 404 JSON error (both recorded, never counted).
 *
 * <p>Built on a raw {@link ServerSocket} so faults control every byte. One daemon thread
 * ({@code fault-server-*}) per connection; {@link #close()} ends them all. Thread-safe.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: a plan picks the fault per request, after reading it, on the
 * connection it came on, so whatever reads requests must be able to play every fault there. The JDK server cannot
 * play {@link Faults#resetBeforeFirstByte()} (it never sets SO_LINGER, so it closes with FIN, not RST) nor
 * {@link Faults#slowHead} (it writes the status line and headers in one write), cannot count connections
 * ({@link #connectionCount()}, {@link #peakOpenConnections()}: it reports none opening or closing), and recases
 * header names and loses their order of arrival, which {@link RecordedRequest} keeps.
 */
public final class FaultServer implements AutoCloseable {
  private final ServerSocket serverSocket;
  private final ConnectionThreads threads;
  private volatile FaultPlan plan = FaultPlans.healthy();
  private volatile long startNanos = System.nanoTime();
  private final AtomicInteger llmRequests = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perModel = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<RecordedRequest> records = new ConcurrentLinkedQueue<>();
  private final AtomicInteger received = new AtomicInteger();
  private volatile boolean keepRequests = true;

  private FaultServer(ServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    this.threads = new ConnectionThreads("fault-server-" + serverSocket.getLocalPort());
    threads.startAcceptor(this::acceptLoop);
  }

  /** A server on 127.0.0.1 and an ephemeral port, answering every request successfully until planned. */
  public static FaultServer start() {
    return start(0);
  }

  /** A server on 127.0.0.1:{@code port} ({@code 0}: ephemeral). */
  public static FaultServer start(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 128);
      return new FaultServer(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
    }
  }

  /** The text every successful answer for {@code model} carries, streamed or not, in both formats. */
  public static String completionText(String model) {
    return Completion.textFor(model);
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash or path. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Replace the plan; requests arriving from now on follow it. */
  public FaultServer plan(FaultPlan plan) {
    this.plan = Objects.requireNonNull(plan, "plan");
    return this;
  }

  /** LLM requests received (health checks and unknown paths excluded). */
  public int requestCount() {
    return llmRequests.get();
  }

  /** LLM requests received for {@code model} (the body's top-level {@code "model"}). */
  public int requestCount(String model) {
    AtomicInteger count = perModel.get(model);
    return count == null ? 0 : count.get();
  }

  /** TCP connections accepted since start (not reset): tells a test whether a client reused connections. */
  public int connectionCount() {
    return threads.accepted();
  }

  /**
   * The most TCP connections open at once since start or {@link #reset()}: tells a test whether a client released
   * the connections of responses it abandoned (a connection counts as open until the server's side of it ends).
   */
  public int peakOpenConnections() {
    return threads.peakOpen();
  }

  /** Every request received since start or {@link #reset()}: LLM requests, health checks and unknown paths. */
  public int receivedCount() {
    return received.get();
  }

  /**
   * Whether {@link #requests()} keeps what arrives (the default). A benchmark that sends hundreds of thousands of
   * requests turns it off: a few KB kept per request fill the heap it measures, and the collector's work on them
   * would count against whichever JVM allocates a little more. Counts are kept either way.
   */
  public FaultServer keepRequests(boolean keep) {
    this.keepRequests = keep;
    return this;
  }

  /**
   * Every request received since start or {@link #reset()}, in arrival order, health checks included; none while
   * {@link #keepRequests(boolean) keepRequests(false)}.
   */
  public List<RecordedRequest> requests() {
    return List.copyOf(records);
  }

  /**
   * Forget counts, records and the peak of open connections, and restart the clock that {@link FaultPlans#between}
   * windows use.
   */
  public void reset() {
    records.clear();
    received.set(0);
    perModel.clear();
    llmRequests.set(0);
    threads.resetPeak();
    startNanos = System.nanoTime();
  }

  /** Stop accepting, close every open connection and wait briefly for their threads to end. */
  @Override
  public void close() {
    try {
      serverSocket.close();
    } catch (IOException e) {
      // Closing is best effort; the threads are ended below regardless.
    }
    threads.closeAll(Duration.ofSeconds(2));
  }

  private void acceptLoop() {
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        socket.setTcpNoDelay(true);
        threads.serve(socket, new Connection(socket, this::respond));
      } catch (IOException e) {
        // accept() fails once the socket is closed; the loop condition ends it.
      }
    }
  }

  private ResponseSpec respond(HttpRequest http) {
    RequestFields fields = RequestFields.read(new String(http.body(), StandardCharsets.UTF_8));
    WireFormat format = WireFormat.of(http.method(), http.target());
    // Gemini and Bedrock name the model in the path, not the body; Gemini says there whether it streams.
    boolean gemini = format == WireFormat.GEMINI;
    String model = gemini ? GeminiWire.model(http.target())
        : format == WireFormat.BEDROCK ? BedrockWire.model(http.target()) : fields.model();
    boolean stream = gemini ? GeminiWire.streams(http.target()) : format != WireFormat.BEDROCK && fields.stream();
    RecordedRequest recorded = new RecordedRequest(http.method(), http.target(), http.headers(), http.body(),
        model, http.arrivalNanos());
    received.incrementAndGet();
    if (keepRequests) {
      records.add(recorded);
    }
    if (format == WireFormat.OTHER) {
      return Routes.other(recorded);
    }
    int index = llmRequests.getAndIncrement();
    int modelIndex = perModel.computeIfAbsent(model, m -> new AtomicInteger()).getAndIncrement();
    RequestInfo info = new RequestInfo(recorded, format, stream, index, modelIndex,
        Duration.ofNanos(http.arrivalNanos() - startNanos));
    ResponseSpec spec = new ResponseSpec(info);
    Faults.success().shape(spec);
    try {
      plan.choose(info).shape(spec);
    } catch (RuntimeException e) {
      // A broken script must be loud in the test that wrote it, not look like a provider failure.
      spec = new ResponseSpec(info);
      spec.json(500, "{\"error\":{\"message\":" + JsonStrings.quote("fault plan failed: " + e)
          + ",\"type\":\"fault_server_plan_error\"}}");
    }
    return spec;
  }
}
