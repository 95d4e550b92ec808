package dev.airbag.it.apps;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.AbstractCharResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;

/**
 * A hand-written Apache HttpClient 5 async client: one started client for the run, a JSON POST per call as a
 * {@code SimpleHttpRequest}, or through {@code BasicRequestProducer} with a streaming consumer that takes the body as
 * it comes; one RESULT line per call and a SUMMARY. Mode {@code cancel} cancels each call's future after 700 ms and
 * keeps the client open 3 s more, so that a retry after it would reach the server.
 * Mode {@code count} posts as {@code post} and prints only the body's length.
 * Mode {@code concurrent} sends every call at once; {@code one-shot} sends a body that can be written once only.
 * Args: url json mode(post|stream|one-shot|get|cancel|count|concurrent) count [client(default|no-retries)].
 */
public final class PlainApacheAsyncClient5App {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String json = args[1];
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    String kind = args.length > 4 ? args[4] : "default";
    int ok = 0;
    try (CloseableHttpAsyncClient client = kind.equals("no-retries")
        ? HttpAsyncClients.custom().disableAutomaticRetries().build() : HttpAsyncClients.createDefault()) {
      client.start();
      if (mode.equals("concurrent")) {
        ok = concurrent(client, url, json, count);
      }
      for (int i = 0; i < count && !mode.equals("concurrent"); i++) {
        try {
          ok += call(client, url, json, mode) ? 1 : 0;
        } catch (java.util.concurrent.ExecutionException e) {
          System.out.println("RESULT error type=" + e.getCause().getClass().getSimpleName());
        }
      }
      if (mode.equals("cancel")) {
        Thread.sleep(3000);
      }
    }
    System.out.println("SUMMARY calls=" + count + " ok=" + ok);
  }

  private static boolean call(CloseableHttpAsyncClient client, String url, String json, String mode)
      throws Exception {
    if (mode.equals("stream") || mode.equals("one-shot")) {
      return stream(client, url, json, mode.equals("one-shot"));
    }
    SimpleHttpRequest request = mode.equals("get") ? SimpleRequestBuilder.get(url).build()
        : SimpleRequestBuilder.post(url).setHeader("Authorization", "Bearer sk-test-apache5-async")
            .setBody(json, ContentType.APPLICATION_JSON).build();
    Future<SimpleHttpResponse> future =
        client.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(), null);
    if (mode.equals("cancel")) {
      Thread.sleep(700);
      System.out.println("RESULT cancelled=" + future.cancel(true));
      return false;
    }
    SimpleHttpResponse response = future.get(30, TimeUnit.SECONDS);
    if (mode.equals("count")) {
      byte[] bytes = response.getBodyBytes();
      System.out.println("RESULT status=" + response.getCode() + " bytes=" + (bytes == null ? 0 : bytes.length));
      return response.getCode() < 400;
    }
    Header served = response.getFirstHeader("x-airbag-served-model");
    String body = response.getBodyText() == null ? "" : response.getBodyText().replace('\n', ' ');
    if (response.getCode() >= 400) {
      System.out.println("RESULT status=" + response.getCode() + " error=" + body);
      return false;
    }
    System.out.println("RESULT status=" + response.getCode() + " served_by=" + (served == null ? "-"
        : served.getValue()) + " body=" + body);
    return true;
  }

  /** All calls at once, their answers awaited after. */
  private static int concurrent(CloseableHttpAsyncClient client, String url, String json, int count)
      throws Exception {
    java.util.List<Future<SimpleHttpResponse>> futures = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      SimpleHttpRequest request = SimpleRequestBuilder.post(url)
          .setHeader("Authorization", "Bearer sk-test-apache5-async").setBody(json, ContentType.APPLICATION_JSON).build();
      futures.add(client.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(), null));
    }
    int ok = 0;
    for (Future<SimpleHttpResponse> future : futures) {
      SimpleHttpResponse response = future.get(60, TimeUnit.SECONDS);
      Header served = response.getFirstHeader("x-airbag-served-model");
      System.out.println("RESULT status=" + response.getCode() + " served_by=" + (served == null ? "-"
          : served.getValue()));
      ok += response.getCode() < 400 ? 1 : 0;
    }
    return ok;
  }

  private static boolean stream(CloseableHttpAsyncClient client, String url, String json, boolean oneShot)
      throws Exception {
    BasicHttpRequest request = new BasicHttpRequest(Method.POST, URI.create(url));
    request.setHeader("Authorization", "Bearer sk-test-apache5-async");
    if (!oneShot) {
      request.setHeader("Accept", "text/event-stream");
    }
    AsyncEntityProducer body = oneShot ? new OneShotJson(json)
        : new StringAsyncEntityProducer(json, ContentType.APPLICATION_JSON);
    long start = System.nanoTime();
    Lines lines = new Lines(start);
    String status = client.execute(
        new BasicRequestProducer(request, body),
        lines, null).get(30, TimeUnit.SECONDS);
    long totalMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("STREAM first_line_ms=" + lines.firstMillis + " total_ms=" + totalMillis
        + " lines=" + lines.count);
    System.out.println("RESULT status=" + status + " served_by=" + lines.servedBy + " body=" + lines.text);
    return status.equals("200");
  }

  /** A JSON body that can be written once only, chunked, as a body read from a stream would be. */
  static final class OneShotJson implements AsyncEntityProducer {
    private final ByteBuffer bytes;

    OneShotJson(String json) {
      this.bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
      if (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      if (!bytes.hasRemaining()) {
        channel.endStream();
      }
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public void failed(Exception cause) {}

    @Override
    public int available() {
      return bytes.remaining();
    }

    @Override
    public void releaseResources() {}

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public String getContentType() {
      return ContentType.APPLICATION_JSON.toString();
    }

    @Override
    public String getContentEncoding() {
      return null;
    }

    @Override
    public boolean isChunked() {
      return true;
    }

    @Override
    public Set<String> getTrailerNames() {
      return null;
    }
  }

  /** Takes a streamed body as it comes, noting when its first data arrived. */
  static final class Lines extends AbstractCharResponseConsumer<String> {
    final long start;
    final StringBuilder text = new StringBuilder();
    volatile long firstMillis = -1;
    volatile int count;
    volatile String servedBy = "-";
    private int status;

    Lines(long start) {
      this.start = start;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
      status = response.getCode();
      Header served = response.getFirstHeader("x-airbag-served-model");
      servedBy = served == null ? "-" : served.getValue();
    }

    @Override
    protected int capacityIncrement() {
      return Integer.MAX_VALUE;
    }

    @Override
    protected void data(CharBuffer src, boolean endOfStream) throws IOException {
      if (src.hasRemaining() && firstMillis < 0) {
        firstMillis = (System.nanoTime() - start) / 1_000_000;
      }
      while (src.hasRemaining()) {
        char c = src.get();
        if (c == '\n') {
          count++;
          text.append(' ');
        } else {
          text.append(c);
        }
      }
    }

    @Override
    protected String buildResult() {
      return String.valueOf(status);
    }

    @Override
    public void failed(Exception cause) {}

    @Override
    public void releaseResources() {}
  }
}
