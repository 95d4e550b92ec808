package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.instrument.JsonContentType;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a {@code java.net.http} request body can be sent again, and reads it when the engine needs its
 * model. The JDK's in-memory publishers ({@code ofString}, {@code ofByteArray}, {@code ofByteArrays},
 * {@code noBody}) are read by a subscription of their own and the app's publisher is sent; any other (an input
 * stream, {@code fromPublisher}, a custom publisher) is read once, up to the bound, and every attempt sends what was
 * read (see {@link PreReadBody}).
 */
final class JdkRequestBodies {
  private static final Set<String> REPLAYABLE = Set.of("ByteArrayPublisher", "StringPublisher", "IterablePublisher",
      "EmptyPublisher");
  /** A publisher class's simple name, worked out once per class rather than cut out of its name on every call. */
  private static final ClassValue<String> SIMPLE_NAMES = new ClassValue<String>() {
    @Override
    protected String computeValue(Class<?> type) {
      String name = type.getName();
      return name.substring(name.lastIndexOf('$') + 1);
    }
  };
  /** Whether a publisher class is one of the JDK's in-memory ones, which can be read again. */
  private static final ClassValue<Boolean> IN_MEMORY = new ClassValue<Boolean>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return type.getName().startsWith("jdk.internal.net.http.") && REPLAYABLE.contains(SIMPLE_NAMES.get(type));
    }
  };
  // In-memory publishers deliver at once; the bound only guards against a surprise. A publisher's body that is not
  // over by then is sent once, as read and then live.
  private static final long READ_TIMEOUT_MILLIS = 1000;

  private JdkRequestBodies() {}

  /** A body as Airbag holds it. */
  static final class Captured {
    final byte[] bytes;
    final boolean replayable;
    final String note;
    /** What every attempt sends in place of the app's publisher, which Airbag consumed; null to send the app's. */
    final HttpRequest.BodyPublisher sent;

    Captured(byte[] bytes, boolean replayable, String note) {
      this(bytes, replayable, note, null);
    }

    Captured(byte[] bytes, boolean replayable, String note, HttpRequest.BodyPublisher sent) {
      this.bytes = bytes;
      this.replayable = replayable;
      this.note = note;
      this.sent = sent;
    }
  }

  static Captured capture(HttpRequest request, boolean wanted, int maxBytes) {
    Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
    if (publisher.isEmpty()) {
      return new Captured(null, true, null);
    }
    Class<?> kind = publisher.get().getClass();
    if (!IN_MEMORY.get(kind)) {
      return published(request, publisher.get(), SIMPLE_NAMES.get(kind), wanted, maxBytes);
    }
    if (!wanted) {
      return new Captured(null, true, null);
    }
    if (!isJson(request)) {
      return new Captured(null, true, "request body is not JSON; passed through unread");
    }
    if (publisher.get().contentLength() > maxBytes) {
      return new Captured(null, true, "request body is larger than " + maxBytes + " bytes; passed through unread");
    }
    byte[] bytes = read(publisher.get());
    return bytes == null ? new Captured(null, true, "request body could not be read; passed through unread")
        : new Captured(bytes, true, null);
  }

  /**
   * A body only its publisher can give. Read once, before the first attempt, rather than recorded as the first attempt
   * sends it: the model is then known to the circuit's first decision, and a one-shot publisher is never subscribed
   * twice. It is read even when the engine needs no model, since a retry needs the bytes.
   */
  private static Captured published(HttpRequest request, HttpRequest.BodyPublisher publisher, String simple,
      boolean wanted, int maxBytes) {
    PreReadBody body = PreReadBody.read(publisher, publisher.contentLength(), maxBytes, READ_TIMEOUT_MILLIS);
    HttpRequest.BodyPublisher sent = body.publisher();
    if (!body.complete()) {
      return new Captured(null, false, "request body (" + simple + ") " + body.why()
          + ": sent once, no retry or fallback", sent);
    }
    if (!wanted) {
      return new Captured(null, true, null, sent);
    }
    return isJson(request) ? new Captured(body.bytes(), true, null, sent)
        : new Captured(null, true, "request body is not JSON; passed through unread", sent);
  }

  private static boolean isJson(HttpRequest request) {
    return JsonContentType.named(request.headers().firstValue("Content-Type").orElse(null));
  }

  private static byte[] read(HttpRequest.BodyPublisher publisher) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      // Sized by the publisher's length when it tells one (the JDK's in-memory publishers do): the body is copied
      // once, straight from its buffers, instead of through a chunk and a stream that doubles its way up to it.
      private final long length = publisher.contentLength();
      private byte[] bytes = new byte[length >= 0 && length <= Integer.MAX_VALUE - 8 ? (int) length : 256];
      private int size;

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        int n = item.remaining();
        if (bytes.length - size < n) {
          bytes = Arrays.copyOf(bytes, Math.max(size + n, 2 * bytes.length));
        }
        item.get(bytes, size, n);
        size += n;
      }

      @Override
      public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        done.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
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
