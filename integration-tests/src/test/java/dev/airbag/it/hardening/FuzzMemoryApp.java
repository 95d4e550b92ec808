package dev.airbag.it.hardening;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.management.ObjectName;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Makes fuzz calls ({@link FuzzAnswers}), each with a model and body of its own, through OkHttp and
 * java.net.http from several threads: a warm-up, then a measured phase. Between the phases, with no call in
 * flight, it prints the live heap (the total of a class histogram, which runs a full GC first) and the heap used
 * after {@code System.gc()}; at the end, the classes that grew most (a diagnosis only: that list also counts the
 * app's own copy of the first histogram, a few hundred KB of map nodes, long[] and strings, which the two totals
 * both include). Every call that failed with 4xx/5xx is, one in
 * eight, re-sent at once as an SDK's own retry (X-Stainless-Retry-Count: 1), and a re-send answered by Airbag's replay window is counted.
 * Args: baseUrl warmupCalls measuredCalls threads
 */
public final class FuzzMemoryApp {
  private static final MediaType JSON = MediaType.parse("application/json");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String baseUrl;
  private final OkHttpClient okHttp = new OkHttpClient.Builder().callTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
      .build();
  private final HttpClient jdk = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final LongAdder replayed = new LongAdder();

  private FuzzMemoryApp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public static void main(String[] args) throws Exception {
    FuzzMemoryApp app = new FuzzMemoryApp(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int measured = Integer.parseInt(args[2]);
    ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args[3]));
    long start = System.nanoTime();
    app.phase(pool, 0, warmup);
    long warmed = System.nanoTime();
    Map<String, long[]> before = histogram();
    // Taken again with the first one alive, as it will be at the end, so that it is not counted as growth.
    System.out.println("HEAP checkpoint=warm live=" + total(histogram()) + " used=" + usedAfterGc());
    app.phase(pool, warmup, measured);
    long end = System.nanoTime();
    Map<String, long[]> after = histogram();
    System.out.println("HEAP checkpoint=end live=" + total(after) + " used=" + usedAfterGc());
    printGrowth(before, after);
    System.out.println("CALLS total=" + (warmup + measured) + " replayed=" + app.replayed.sum() + " outcomes="
        + new TreeMap<>(app.outcomes));
    System.out.println("TIME warmup_ms=" + TimeUnit.NANOSECONDS.toMillis(warmed - start) + " measured_ms="
        + TimeUnit.NANOSECONDS.toMillis(end - warmed));
    pool.shutdown();
    app.okHttp.dispatcher().executorService().shutdown();
    app.okHttp.connectionPool().evictAll();
  }

  /** Runs calls [from, from + count) and returns when none is in flight. */
  private void phase(ExecutorService pool, int from, int count) throws Exception {
    List<Future<?>> calls = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      int n = i;
      calls.add(pool.submit(() -> call(n)));
    }
    for (Future<?> call : calls) {
      call.get();
    }
    // Lets the agent's exporter drain its queue, so that the checkpoint sees no events in flight.
    Thread.sleep(1000);
  }

  private void call(int n) {
    String kind = FuzzAnswers.KINDS.get(n % FuzzAnswers.KINDS.size());
    int round = n / FuzzAnswers.KINDS.size();
    boolean anthropic = (round / 2) % 2 == 1;
    String url = baseUrl + (anthropic ? "/v1/messages" : "/v1/chat/completions");
    String json = "{\"model\":\"fz-" + kind + "-" + n + "\",\"max_tokens\":16,\"stream\":" + kind.startsWith("sse")
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"call " + n + " asks something of its own\"}]}";
    boolean viaOkHttp = round % 2 == 0;
    int status = viaOkHttp ? okHttp(url, json, 0) : jdk(url, json, 0);
    if (status >= 400 && n % 8 == 0) {
      // Numbered as the OpenAI and Anthropic SDKs number their own retries: only such a re-send may be replayed.
      int again = viaOkHttp ? okHttp(url, json, 1) : jdk(url, json, 1);
      count((viaOkHttp ? "okhttp" : "jdk") + " re-send " + (again < 0 ? "error" : "status"));
    }
  }

  private int okHttp(String url, String json, int retryCount) {
    Request request = new Request.Builder().url(url).header("X-Stainless-Retry-Count", String.valueOf(retryCount))
        .post(RequestBody.create(JSON, json)).build();
    try (Response response = okHttp.newCall(request).execute()) {
      response.body().bytes();
      noteReplay(response.header("x-airbag-replayed"));
      count("okhttp " + response.code());
      return response.code();
    } catch (Exception e) {
      count("okhttp " + e.getClass().getSimpleName());
      return -1;
    }
  }

  private int jdk(String url, String json, int retryCount) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", "application/json").header("X-Stainless-Retry-Count", String.valueOf(retryCount)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    try {
      HttpResponse<byte[]> response = jdk.send(request, HttpResponse.BodyHandlers.ofByteArray());
      noteReplay(response.headers().firstValue("x-airbag-replayed").orElse(null));
      count("jdk " + response.statusCode());
      return response.statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (Exception e) {
      count("jdk " + e.getClass().getSimpleName());
      return -1;
    }
  }

  private void noteReplay(String header) {
    if ("true".equals(header)) {
      replayed.increment();
    }
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  /** Heap used after three explicit full collections (a cross-check of the histogram's total). */
  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      ManagementFactory.getMemoryMXBean().gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Class name to {instances, bytes} of every live object: {@code GC.class_histogram}, which collects first. */
  private static Map<String, long[]> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length >= 4 && cells[0].endsWith(":")) {
        classes.merge(cells[3], new long[] {Long.parseLong(cells[1]), Long.parseLong(cells[2])},
            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
      }
    }
    return classes;
  }

  private static long total(Map<String, long[]> histogram) {
    return histogram.values().stream().mapToLong(counts -> counts[1]).sum();
  }

  private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after) {
    after.entrySet().stream()
        .sorted((a, b) -> Long.compare(grown(before, b), grown(before, a)))
        .limit(12)
        .forEach(e -> System.out.println("GROWTH " + e.getKey() + " bytes=" + grown(before, e)
            + " instances=" + (e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0])));
  }

  private static long grown(Map<String, long[]> before, Map.Entry<String, long[]> entry) {
    return entry.getValue()[1] - before.getOrDefault(entry.getKey(), new long[2])[1];
  }
}
