package dev.airbag.agent.instrument.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Whatever the app's handler does during a replay, its call or future completes, as with the client alone. */
class GuardedReplayTest {
  private static final int LIMIT = 64 * 1024;
  private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (name, value) -> true);

  private final ErrorBodySubscriber reader = new ErrorBodySubscriber(LIMIT, new CompletableFuture<>());
  private final ChunkedSource wire = new ChunkedSource(reader, 3_000_000, 16 * 1024).start();
  private final HeldErrorBody held = reader.getBody().toCompletableFuture().join();

  @Test
  void aHandlerRunningOutOfMemoryOnTheRestFailsSendWithTheErrorInsideAndDropsTheRest() {
    OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
    CompletableFuture<String> body = BodyReplay.through(info -> new Failing(items -> {
      if (items > 2) {
        throw heap;
      }
    }), 500, NONE, HttpClient.Version.HTTP_1_1, held.bytes, held.rest);

    IOException failed = assertThrows(IOException.class, () -> BodyReplay.now(body, held.rest));

    assertSame(heap, failed.getCause());
    assertEquals("Java heap space", failed.getMessage());
    assertTrue(wire.cancelled, "the connection is released");
  }

  @Test
  void aHandlerThrowingAtTheEndFailsSendAsync() {
    IllegalStateException atEnd = new IllegalStateException("cannot build the body");
    CompletableFuture<String> body = BodyReplay.through(info -> new Failing(items -> { }) {
      @Override
      public void onComplete() {
        throw atEnd;
      }
    }, 500, NONE, HttpClient.Version.HTTP_1_1, held.bytes, held.rest);

    ExecutionException failed = assertThrows(ExecutionException.class, body::get);

    assertSame(atEnd, failed.getCause());
  }

  @Test
  void aHandlerThrowingOnABodyHeldWholeFailsTheCallToo() {
    IllegalArgumentException bad = new IllegalArgumentException("bad bytes");
    CompletableFuture<String> body = BodyReplay.through(info -> new Failing(items -> {
      throw bad;
    }), 503, NONE, HttpClient.Version.HTTP_1_1, "{\"error\":{}}".getBytes(), null);

    IOException failed = assertThrows(IOException.class, () -> BodyReplay.now(body, null));

    assertSame(bad, failed.getCause());
  }

  @Test
  void theAppsSubscriberHearsTheFailureAsTheClientWouldTellIt() {
    OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
    Failing app = new Failing(items -> {
      throw heap;
    });

    BodyReplay.through(info -> app, 500, NONE, HttpClient.Version.HTTP_1_1, held.bytes, held.rest);

    assertSame(heap, app.error);
  }

  /** Asks for everything and calls {@code onItem} with the count of items so far. */
  private static class Failing implements HttpResponse.BodySubscriber<String> {
    private final Consumer<Integer> onItem;
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private int items;
    Throwable error;

    Failing(Consumer<Integer> onItem) {
      this.onItem = onItem;
    }

    @Override
    public CompletionStage<String> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      onItem.accept(++items);
    }

    @Override
    public void onError(Throwable failure) {
      error = failure;
    }

    @Override
    public void onComplete() {
      body.complete("done");
    }
  }
}
