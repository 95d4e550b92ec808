package dev.airbag.agent.instrument.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** An error body still trickling in when Airbag stops waiting: classified on what came, the rest left to the app. */
class SlowErrorBodyTest {
  private static final int LIMIT = 64 * 1024;

  private final CompletableFuture<Void> waitOver = new CompletableFuture<>();
  private final ErrorBodySubscriber reader = new ErrorBodySubscriber(LIMIT, waitOver);
  private final HandDriven wire = new HandDriven();

  private static List<ByteBuffer> bytes(String text) {
    return List.of(ByteBuffer.wrap(text.getBytes()));
  }

  @Test
  void whenTheWaitEndsTheBytesThatCameAreHeldAndTheRestFollowsForTheAppInOrder() {
    reader.onSubscribe(wire);
    reader.onNext(bytes("{\"error\":"));

    waitOver.complete(null);

    HeldErrorBody held = reader.getBody().toCompletableFuture().getNow(null);
    assertNotNull(held, "the body is handed over without waiting for its end");
    assertEquals("{\"error\":", new String(held.bytes));
    assertTrue(held.cutByTime);
    assertNotNull(held.rest);
    assertEquals(2, wire.requested, "the item asked for before the wait ended is still on its way");

    // The item already asked for comes before the app subscribes, and is kept for it.
    reader.onNext(bytes("{\"message\":"));
    RecordingSubscriber app = new RecordingSubscriber(0);
    held.rest.relayTo(app, held.bytes);
    app.request(2);
    assertEquals("{\"error\":{\"message\":", new String(app.bytes()));
    assertEquals(2, wire.requested, "both items came without asking the client again");

    app.request(1);
    assertEquals(3, wire.requested);
    reader.onNext(bytes("\"slow\"}}"));
    reader.onComplete();
    assertEquals("{\"error\":{\"message\":\"slow\"}}", new String(app.bytes()));
    assertTrue(app.ended.isDone());
    assertNull(app.ended.join());
    assertEquals(List.of(), app.violations);
  }

  @Test
  void withNoTimeLeftTheWholeBodyIsTheAppsAndNothingIsReadForAirbag() {
    waitOver.complete(null);

    reader.onSubscribe(wire);

    HeldErrorBody held = reader.getBody().toCompletableFuture().getNow(null);
    assertNotNull(held);
    assertEquals(0, held.bytes.length);
    assertEquals(0, wire.requested);
    RecordingSubscriber app = new RecordingSubscriber(1);
    held.rest.relayTo(app, held.bytes);
    app.request(1);
    assertEquals(1, wire.requested, "after the empty first item, the app's demand reaches the client");
  }

  @Test
  void aBodyThatEndsInTimeIsWholeAndTheLateEndOfTheWaitChangesNothing() {
    reader.onSubscribe(wire);
    reader.onNext(bytes("{\"error\":{}}"));
    reader.onComplete();

    waitOver.complete(null);

    HeldErrorBody held = reader.getBody().toCompletableFuture().join();
    assertEquals("{\"error\":{}}", new String(held.bytes));
    assertNull(held.rest);
    assertFalse(held.cutByTime);
  }

  @Test
  void anEndThatCameBeforeTheAppAskedFollowsTheBytesHeld() {
    reader.onSubscribe(wire);
    reader.onNext(bytes("abc"));
    waitOver.complete(null);
    HeldErrorBody held = reader.getBody().toCompletableFuture().join();
    reader.onNext(bytes("def"));
    reader.onComplete();

    HttpBodies.assertBody("abcdef", held);
  }

  @Test
  void theEngineIsToldThatTheBytesAreOnlyAStart() {
    reader.onSubscribe(wire);
    reader.onNext(bytes("{\"error\":"));
    waitOver.complete(null);
    JdkAttempt attempt = HttpBodies.attempt(503, reader.getBody().toCompletableFuture().join());
    JdkExchange exchange = HttpBodies.exchange(LIMIT);

    assertTrue(exchange.peekCutShort(attempt));
    assertArrayEquals("{\"error\":".getBytes(), exchange.peekBody(attempt, LIMIT));
  }
}
