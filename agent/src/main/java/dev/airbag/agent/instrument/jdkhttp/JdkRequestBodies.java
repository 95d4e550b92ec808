package dev.airbag.agent.instrument.jdkhttp;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a {@code java.net.http} request body can be sent again, and reads it when the engine needs its
 * model. Only the JDK's in-memory publishers ({@code ofString}, {@code ofByteArray}, {@code ofByteArrays},
 * {@code noBody}) are replayable; any other (an input stream, a custom publisher) is sent once, untouched.
 */
final class JdkRequestBodies {
  private static final Set<String> REPLAYABLE = Set.of("ByteArrayPublisher", "StringPublisher", "IterablePublisher",
      "EmptyPublisher");
  // In-memory publishers deliver at once; the bound only guards against a surprise.
  private static final long READ_TIMEOUT_MILLIS = 1000;

  private JdkRequestBodies() {}

  /** A body as Airbag holds it. */
  static final class Captured {
    final byte[] bytes;
    final boolean replayable;
    final String note;

    Captured(byte[] bytes, boolean replayable, String note) {
      this.bytes = bytes;
      this.replayable = replayable;
      this.note = note;
    }
  }

  static Captured capture(HttpRequest request, boolean wanted, int maxBytes) {
    Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
    if (publisher.isEmpty()) {
      return new Captured(null, true, null);
    }
    String kind = publisher.get().getClass().getName();
    String simple = kind.substring(kind.lastIndexOf('$') + 1);
    if (!kind.startsWith("jdk.internal.net.http.") || !REPLAYABLE.contains(simple)) {
      return new Captured(null, false, "request body (" + simple + ") cannot be replayed: sent once, no retry or fallback");
    }
    if (!wanted) {
      return new Captured(null, true, null);
    }
    String type = request.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (!type.contains("json")) {
      return new Captured(null, true, "request body is not JSON; passed through unread");
    }
    if (publisher.get().contentLength() > maxBytes) {
      return new Captured(null, true, "request body is larger than " + maxBytes + " bytes; passed through unread");
    }
    byte[] bytes = read(publisher.get());
    return bytes == null ? new Captured(null, true, "request body could not be read; passed through unread")
        : new Captured(bytes, true, null);
  }

  private static byte[] read(HttpRequest.BodyPublisher publisher) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      private final ByteArrayOutputStream out = new ByteArrayOutputStream();

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        out.write(chunk, 0, chunk.length);
      }

      @Override
      public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        done.complete(out.toByteArray());
      }
    });
    try {
      return done.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception unreadable) {
      return null;
    }
  }
}
