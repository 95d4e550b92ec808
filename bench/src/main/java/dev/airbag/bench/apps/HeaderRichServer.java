package dev.airbag.bench.apps;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second loopback LLM server for the happy path, unlike the fault server in every way but the answer: the JDK's
 * {@code com.sun.net.httpserver}, answering with the full header set OpenAI and Anthropic send (request id,
 * processing time, rate-limit headers, cookies, CDN headers), so that a cost that grows with real responses shows.
 * Thread-safe.
 */
final class HeaderRichServer implements AutoCloseable {
  private static final byte[] OPENAI = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1735000000,"
      + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"The applicant asks for a loan. The figures are in order.\",\"refusal\":null,\"annotations\":[]},"
      + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":12,"
      + "\"total_tokens\":33,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
      + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
      + "\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench\"}")
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] ANTHROPIC = ("{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\","
      + "\"model\":\"claude-3-5-haiku-20241022\",\"content\":[{\"type\":\"text\",\"text\":\"The applicant asks for a "
      + "loan. The figures are in order.\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":"
      + "{\"input_tokens\":21,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":12}}")
      .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "header-rich-server");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private final java.util.Set<java.net.InetSocketAddress> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private HeaderRichServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::answer);
    server.setExecutor(threads);
    server.start();
  }

  static HeaderRichServer start(int port) throws IOException {
    // Without it the body waits out a delayed ACK behind the headers (40 ms a call); a real server sets it too.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return new HeaderRichServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int requestCount() {
    return requests.get();
  }

  /** Connections opened to it: a client that pools them opens one per thread however many calls it makes. */
  int connectionCount() {
    return clients.size();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
      in.readAllBytes();
      int n = requests.incrementAndGet();
      clients.add(exchange.getRemoteAddress());
      boolean anthropic = exchange.getRequestURI().getPath().endsWith("/messages");
      Headers h = exchange.getResponseHeaders();
      h.add("Content-Type", "application/json");
      h.add("Date", "Tue, 03 Dec 2024 10:00:00 GMT");
      if (anthropic) {
        anthropicHeaders(h, n);
      } else {
        openAiHeaders(h, n);
      }
      h.add("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload");
      h.add("X-Content-Type-Options", "nosniff");
      h.add("Server", "cloudflare");
      h.add("CF-Cache-Status", "DYNAMIC");
      h.add("CF-RAY", "8ed1f0a2bc7d4e51-AMS");
      h.add("Alt-Svc", "h3=\":443\"; ma=86400");
      byte[] body = anthropic ? ANTHROPIC : OPENAI;
      exchange.sendResponseHeaders(200, body.length);
      out.write(body);
    }
  }

  private static void openAiHeaders(Headers h, int n) {
    h.add("access-control-expose-headers", "X-Request-ID");
    h.add("openai-organization", "user-benchorg0000000000000000");
    h.add("openai-processing-ms", "412");
    h.add("openai-project", "proj_bench000000000000000000");
    h.add("openai-version", "2020-10-01");
    h.add("x-envoy-upstream-service-time", "417");
    h.add("x-ratelimit-limit-requests", "10000");
    h.add("x-ratelimit-limit-tokens", "30000000");
    h.add("x-ratelimit-remaining-requests", "9999");
    h.add("x-ratelimit-remaining-tokens", "29999975");
    h.add("x-ratelimit-reset-requests", "6ms");
    h.add("x-ratelimit-reset-tokens", "0s");
    h.add("x-request-id", "req_" + Integer.toHexString(n) + "c2a1f0e9d8b7a6f5e4d3c2b1a0");
    // Host-only, as api.openai.com's are for the host a client called: a domain other than the loopback's made Apache
    // HttpClient 4 log a rejection, with a stack walk, on every call (a quarter of its CPU per call, with or without
    // Airbag), which the real provider never causes.
    h.add("Set-Cookie", "__cf_bm=bench" + n + "; path=/; expires=Tue, 03-Dec-24 10:30:00 GMT; HttpOnly; Secure;"
        + " SameSite=None");
    h.add("Set-Cookie", "_cfuvid=bench" + n + "-1733220000000-0.0.1.1-604800000; path=/; HttpOnly; Secure;"
        + " SameSite=None");
  }

  private static void anthropicHeaders(Headers h, int n) {
    h.add("anthropic-ratelimit-requests-limit", "4000");
    h.add("anthropic-ratelimit-requests-remaining", "3999");
    h.add("anthropic-ratelimit-requests-reset", "2024-12-03T10:00:01Z");
    h.add("anthropic-ratelimit-input-tokens-limit", "400000");
    h.add("anthropic-ratelimit-input-tokens-remaining", "400000");
    h.add("anthropic-ratelimit-input-tokens-reset", "2024-12-03T10:00:00Z");
    h.add("anthropic-ratelimit-output-tokens-limit", "80000");
    h.add("anthropic-ratelimit-output-tokens-remaining", "80000");
    h.add("anthropic-ratelimit-output-tokens-reset", "2024-12-03T10:00:00Z");
    h.add("anthropic-ratelimit-tokens-limit", "480000");
    h.add("anthropic-ratelimit-tokens-remaining", "480000");
    h.add("anthropic-ratelimit-tokens-reset", "2024-12-03T10:00:00Z");
    h.add("request-id", "req_" + Integer.toHexString(n) + "01ABCDEFGHJKMNPQRSTVWXYZ");
    h.add("anthropic-organization-id", "00000000-0000-0000-0000-000000000000");
    h.add("via", "1.1 google");
    h.add("x-robots-tag", "none");
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
