package dev.airbag.it.jdkhttp;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.zip.CRC32;

/**
 * A java.net.http app that meets error answers with huge bodies and never holds them: one call per case, each
 * case naming how it sends ({@code send} or {@code async}) and how its handler takes the body ({@code count}: a
 * subscriber that counts and checksums, asking for everything; {@code stream}: {@code ofInputStream} read to the
 * end; {@code discard}: {@code discarding()}; {@code string}: {@code ofString}, for bodies that fit the heap).
 * Prints {@code RESULT case status bytes crc} per call, or the error it met (an OutOfMemoryError included).
 * Args: url case...
 */
public final class HugeErrorBodyApp {
  private static final String BODY = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  public static void main(String[] args) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    for (int i = 1; i < args.length; i++) {
      String[] kase = args[i].split(":");
      try {
        System.out.println("RESULT " + args[i] + " " + call(client, request, kase[0], kase[1]));
      } catch (Throwable failure) {
        System.out.println("RESULT " + args[i] + " error=" + failure);
      }
    }
  }

  private static String call(HttpClient client, HttpRequest request, String mode, String handler) throws Exception {
    switch (handler) {
      case "count": {
        HttpResponse<String> response = send(client, request, mode,
            HttpResponse.BodyHandlers.fromSubscriber(new Counting(), Counting::result));
        return "status=" + response.statusCode() + " " + response.body();
      }
      case "stream": {
        HttpResponse<InputStream> response = send(client, request, mode, HttpResponse.BodyHandlers.ofInputStream());
        Counting counting = new Counting();
        try (InputStream in = response.body()) {
          byte[] buffer = new byte[8192];
          for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            counting.add(ByteBuffer.wrap(buffer, 0, read));
          }
        }
        return "status=" + response.statusCode() + " " + counting.result();
      }
      case "discard": {
        HttpResponse<Void> response = send(client, request, mode, HttpResponse.BodyHandlers.discarding());
        return "status=" + response.statusCode();
      }
      case "string": {
        HttpResponse<String> response = send(client, request, mode, HttpResponse.BodyHandlers.ofString());
        Counting counting = new Counting();
        counting.add(ByteBuffer.wrap(response.body().getBytes(StandardCharsets.UTF_8)));
        return "status=" + response.statusCode() + " " + counting.result();
      }
      default:
        throw new IllegalArgumentException(handler);
    }
  }

  private static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, String mode,
      HttpResponse.BodyHandler<T> handler) throws Exception {
    return mode.equals("async") ? client.sendAsync(request, handler).get() : client.send(request, handler);
  }

  /** Counts and checksums a body as it streams past; asks for everything at once, as many handlers do. */
  private static final class Counting implements Flow.Subscriber<List<ByteBuffer>> {
    private final CRC32 crc = new CRC32();
    private long bytes;

    void add(ByteBuffer buffer) {
      bytes += buffer.remaining();
      crc.update(buffer);
    }

    String result() {
      return "bytes=" + bytes + " crc=" + Long.toHexString(crc.getValue());
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      buffers.forEach(this::add);
    }

    @Override
    public void onError(Throwable failure) {
      // fromSubscriber fails the body with it.
    }

    @Override
    public void onComplete() {
      // fromSubscriber then calls result().
    }
  }
}
