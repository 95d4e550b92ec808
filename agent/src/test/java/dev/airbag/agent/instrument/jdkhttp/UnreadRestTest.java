package dev.airbag.agent.instrument.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UnreadRestTest {
  private static final int LIMIT = 64 * 1024;
  private static final int CHUNK = 8 * 1024;
  private static final int TOTAL = 5_000_000;

  private final ErrorBodySubscriber reader = new ErrorBodySubscriber(LIMIT, new CompletableFuture<>());
  private final ChunkedSource source = new ChunkedSource(reader, TOTAL, CHUNK).start();
  private final HeldErrorBody held = reader.getBody().toCompletableFuture().join();

  @Test
  void anAppHandlerGetsTheWholeOriginalBodyInOrder() {
    HttpResponse.BodySubscriber<byte[]> app = HttpResponse.BodySubscribers.ofByteArray();

    held.rest.relayTo(app, held.bytes);

    CompletableFuture<byte[]> body = app.getBody().toCompletableFuture();
    assertTrue(body.isDone());
    assertArrayEquals(ChunkedSource.pattern(TOTAL), body.join());
    assertFalse(source.cancelled);
  }

  @Test
  void anAppAskingOneItemAtATimeFromInsideOnNextGetsEveryByteAndNeverMoreThanAsked() {
    RecordingSubscriber app = new RecordingSubscriber(1);
    held.rest.relayTo(app, held.bytes);

    app.request(1);

    assertTrue(app.ended.isDone());
    assertNull(app.ended.join());
    assertArrayEquals(ChunkedSource.pattern(TOTAL), app.bytes());
    assertEquals(List.of(), app.violations);
  }

  @Test
  void theFirstItemIsTheBytesReadAndDemandPassesOnOnlyBeyondIt() {
    RecordingSubscriber app = new RecordingSubscriber(0);
    held.rest.relayTo(app, held.bytes);
    long askedBefore = source.requested;

    app.request(1);

    assertArrayEquals(held.bytes, app.bytes());
    assertEquals(askedBefore, source.requested, "the first item came from memory");
    app.request(3);
    assertEquals(askedBefore + 3, source.requested);
    assertEquals(4, app.items());
    assertEquals(held.bytes.length + 3 * CHUNK, app.bytes().length);
    assertFalse(app.ended.isDone());
    assertEquals(List.of(), app.violations);
  }

  @Test
  void nothingReachesTheAppBeforeItAsks() {
    RecordingSubscriber app = new RecordingSubscriber(0);

    held.rest.relayTo(app, held.bytes);

    assertEquals(0, app.items());
    assertFalse(app.ended.isDone());
  }

  @Test
  void anEndThatCameBeforeTheAppAskedFollowsTheBytesRead() {
    ErrorBodySubscriber shortReader = new ErrorBodySubscriber(LIMIT, new CompletableFuture<>());
    ChunkedSource exact = new ChunkedSource(shortReader, LIMIT + CHUNK, CHUNK).start();
    HeldErrorBody body = shortReader.getBody().toCompletableFuture().join();
    // The rest is empty: the client says so without being asked.
    exact.request(1);
    assertTrue(exact.completed);
    RecordingSubscriber app = new RecordingSubscriber(0);
    body.rest.relayTo(app, body.bytes);
    assertFalse(app.ended.isDone(), "the end waits for the bytes read");

    app.request(1);

    assertArrayEquals(ChunkedSource.pattern(LIMIT + CHUNK), app.bytes());
    assertTrue(app.ended.isDone());
    assertEquals(List.of(), app.violations);
  }

  @Test
  void nothingReachesTheAppBeforeItsOnSubscribeReturnsEvenWhenTheEndComesMeanwhile() {
    List<String> signals = new java.util.ArrayList<>();
    Flow.Subscriber<List<ByteBuffer>> app = new Flow.Subscriber<>() {
      private boolean subscribing;

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscribing = true;
        subscription.request(Long.MAX_VALUE);
        // The client ends the body on its thread while the app is still subscribing; here, in the same thread.
        reader.onComplete();
        subscribing = false;
      }

      @Override
      public void onNext(List<ByteBuffer> item) {
        signals.add(subscribing ? "onNext inside onSubscribe" : "onNext");
      }

      @Override
      public void onError(Throwable failure) {
        signals.add("onError");
      }

      @Override
      public void onComplete() {
        signals.add(subscribing ? "onComplete inside onSubscribe" : "onComplete");
      }
    };

    held.rest.relayTo(app, held.bytes);

    assertEquals(List.of("onNext", "onComplete"), signals);
  }

  @Test
  void aFailureOnTheWireReachesTheAppAfterTheBytesRead() {
    RecordingSubscriber app = new RecordingSubscriber(0);
    IOException reset = new IOException("connection reset");
    reader.onError(reset);
    held.rest.relayTo(app, held.bytes);

    app.request(5);

    assertArrayEquals(held.bytes, app.bytes());
    assertSame(reset, app.ended.join());
  }

  @Test
  void theAppsCancelReachesTheClientAndStopsTheRelay() {
    RecordingSubscriber app = new RecordingSubscriber(0);
    held.rest.relayTo(app, held.bytes);
    app.request(2);

    app.subscription.cancel();
    long asked = source.requested;
    app.request(10);
    reader.onNext(List.of(ByteBuffer.wrap(new byte[5])));

    assertTrue(source.cancelled);
    assertEquals(asked, source.requested);
    assertEquals(2, app.items(), "an item still in flight after the cancel is dropped");
    assertFalse(app.ended.isDone());
  }

  @Test
  void droppingTheRestCancelsItAndTheAppNeverSeesIt() {
    held.rest.cancel();

    assertTrue(source.cancelled);
    assertFalse(source.completed);
  }

  @Test
  void aNonPositiveRequestFailsTheAppAndCancelsTheClient() {
    RecordingSubscriber app = new RecordingSubscriber(0);
    held.rest.relayTo(app, held.bytes);

    app.subscription.request(0);

    assertTrue(source.cancelled);
    assertInstanceOf(IllegalArgumentException.class, app.ended.join());
  }

  @Test
  void aClientSignallingFromItsOwnThreadWhileTheAppAsksFromAnotherNeverOverlapsTheApp() throws Exception {
    ErrorBodySubscriber threaded = new ErrorBodySubscriber(LIMIT, new CompletableFuture<>());
    try (ThreadedSource wire = new ThreadedSource(threaded, TOTAL, CHUNK)) {
      HeldErrorBody body = threaded.getBody().toCompletableFuture().get(30, TimeUnit.SECONDS);
      RecordingSubscriber app = new RecordingSubscriber(0);
      body.rest.relayTo(app, body.bytes);

      for (int i = 0; i <= TOTAL / CHUNK; i++) {
        app.request(1);
      }

      assertNull(app.ended.get(30, TimeUnit.SECONDS));
      assertArrayEquals(ChunkedSource.pattern(TOTAL), app.bytes());
      assertEquals(List.of(), app.violations);
    }
  }
}
