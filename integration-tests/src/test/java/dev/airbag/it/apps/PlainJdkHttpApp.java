package dev.airbag.it.apps;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A plain java.net.http app: POSTs a JSON body with send or sendAsync, the body from ofString, from an input
 * stream, or from a one-shot publisher ({@code fromPublisher}, unknown length, as Spring's streaming bodies), and
 * prints status, the served-model header and body. Args: url json mode(send|async|stream-body|publisher|
 * publisher-async) count
 */
public final class PlainJdkHttpApp {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String json = args[1];
    String mode = args[2];
    int count = Integer.parseInt(args[3]);
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < count; i++) {
      HttpRequest.BodyPublisher body = mode.equals("stream-body")
          ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
          : mode.startsWith("publisher") ? HttpRequest.BodyPublishers.fromPublisher(new OneShot(json))
          : HttpRequest.BodyPublishers.ofString(json);
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
          .POST(body).build();
      try {
        HttpResponse<String> response = mode.endsWith("async")
            ? client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get()
            : client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("RESULT status=" + response.statusCode() + " served_by="
            + response.headers().firstValue("x-airbag-served-model").orElse("-") + " body=" + response.body().replace('\n', ' '));
      } catch (Exception e) {
        System.out.println("RESULT error type=" + e.getClass().getSimpleName());
      }
    }
  }

  /** The JSON in two chunks, to one subscriber only: a second one gets an error, as from a consumed stream. */
  private static final class OneShot implements Flow.Publisher<ByteBuffer> {
    private final byte[] bytes;
    private final AtomicBoolean used = new AtomicBoolean();

    OneShot(String json) {
      this.bytes = json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      boolean first = used.compareAndSet(false, true);
      subscriber.onSubscribe(new Flow.Subscription() {
        private int sent;
        private boolean done;

        @Override
        public synchronized void request(long n) {
          for (long i = 0; i < n && sent < 2 && !done && first; i++) {
            int half = bytes.length / 2;
            subscriber.onNext(sent++ == 0 ? ByteBuffer.wrap(bytes, 0, half) : ByteBuffer.wrap(bytes, half, bytes.length - half));
          }
          if (!done && (sent == 2 || !first)) {
            done = true;
            if (first) {
              subscriber.onComplete();
            } else {
              subscriber.onError(new IllegalStateException("this body was already sent"));
            }
          }
        }

        @Override
        public void cancel() {
          done = true;
        }
      });
    }
  }
}
