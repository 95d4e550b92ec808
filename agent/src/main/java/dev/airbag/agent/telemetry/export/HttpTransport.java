package dev.airbag.agent.telemetry.export;

import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * Posts batches with a dedicated java.net.http client: its executor runs on daemon threads named
 * {@code airbag-http-<sink>-n}, TLS is verified (default or custom trust), redirects are not followed (a
 * redirect could carry the auth headers elsewhere). Every send runs inside {@link ReentrancyGuard} so Airbag's
 * own java.net.http instrumentation lets it pass. Used by one sender thread at a time.
 */
final class HttpTransport implements Transport {
  static final int BODY_START_CHARS = 256;
  // Read this much of an answer so the connection can be reused; a collector never needs more to say no.
  private static final int MAX_BODY_BYTES = 64 * 1024;

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
    ReentrancyGuard.enter();
    try {
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      String start;
      try (InputStream in = response.body()) {
        start = readStart(in);
      }
      return new CollectorResponse(response.statusCode(),
          name -> response.headers().firstValue(name).orElse(null), start);
    } finally {
      ReentrancyGuard.exit();
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

  private static String readStart(InputStream in) throws IOException {
    byte[] kept = in.readNBytes(BODY_START_CHARS * 4);
    // Drain a little more so a keep-alive connection stays usable; a larger answer just closes it.
    in.readNBytes(MAX_BODY_BYTES);
    String text = new String(kept, StandardCharsets.UTF_8);
    if (text.length() > BODY_START_CHARS) {
      text = text.substring(0, BODY_START_CHARS) + "…";
    }
    return text.replaceAll("\\p{Cntrl}", " ");
  }
}
