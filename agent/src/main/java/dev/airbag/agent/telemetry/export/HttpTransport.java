package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.support.DaemonThreads;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Posts batches with a dedicated java.net.http client: its executor runs on daemon threads named
 * {@code airbag-http-<sink>-n}, TLS is verified (default or custom trust), redirects are not followed (a
 * redirect could carry the auth headers elsewhere; a 3xx is a failure to retry and spool). Only the first 1 KB of an
 * answer is read, and all of it within the request timeout, so a collector that answers slowly or with a huge body
 * cannot hold the sender. Every send runs inside {@link ReentrancyGuard} so Airbag's
 * own java.net.http instrumentation lets it pass. Used by one sender thread at a time.
 */
final class HttpTransport implements Transport {
  static final int BODY_START_CHARS = 256;

  private final CollectorSettings settings;
  private final ExecutorService executor;
  private final HttpClient client;

  HttpTransport(String sinkName, CollectorSettings settings) throws GeneralSecurityException, IOException {
    this.settings = settings;
    this.executor = Executors.newCachedThreadPool(new DaemonThreads("http-" + sinkName));
    this.client = HttpClient.newBuilder()
        .executor(executor)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(TlsContexts.forTrustStore(settings.trustStore()))
        .build();
  }

  @Override
  public CollectorResponse send(EncodedBatch batch, long timeoutNanos) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
        .timeout(Duration.ofNanos(Math.max(1_000_000L, timeoutNanos)))
        .header("Content-Type", batch.contentType());
    byte[] body = batch.body();
    if (settings.gzip()) {
      body = gzip(body);
      request.header("Content-Encoding", "gzip");
    }
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    request.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    long deadline = System.nanoTime() + Math.max(1_000_000L, timeoutNanos);
    CompletableFuture<HttpResponse<String>> answer;
    ReentrancyGuard.enter();
    try {
      answer = client.sendAsync(request.build(), info -> new AnswerStart(BODY_START_CHARS * 4));
    } finally {
      ReentrancyGuard.exit();
    }
    HttpResponse<String> response = await(answer, deadline);
    String start = response.body();
    if (start.length() > BODY_START_CHARS) {
      start = start.substring(0, BODY_START_CHARS) + "…";
    }
    return new CollectorResponse(response.statusCode(),
        name -> response.headers().firstValue(name).orElse(null), start.replaceAll("\\p{Cntrl}", " "));
  }

  /** The response, its body start included, by the deadline: the request timeout alone ends at the headers. */
  private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> answer, long deadline)
      throws IOException, InterruptedException {
    try {
      return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      answer.cancel(true);
      throw new HttpTimeoutException("the collector did not finish answering within the request timeout");
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException(String.valueOf(cause), cause);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    }
    return out.toByteArray();
  }

}
