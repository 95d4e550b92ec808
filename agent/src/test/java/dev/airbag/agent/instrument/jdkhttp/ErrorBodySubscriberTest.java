package dev.airbag.agent.instrument.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorBodySubscriberTest {
  private static final int LIMIT = 64 * 1024;

  private final ErrorBodySubscriber subscriber = new ErrorBodySubscriber(LIMIT, new CompletableFuture<>());

  private HeldErrorBody body() {
    CompletableFuture<HeldErrorBody> body = subscriber.getBody().toCompletableFuture();
    assertTrue(body.isDone(), "the body is complete");
    return body.join();
  }

  @Test
  void aBodyWithinTheLimitIsHeldWholeAndReadOneItemAtATime() {
    ChunkedSource source = new ChunkedSource(subscriber, 40_000, 8 * 1024).start();

    HeldErrorBody body = body();

    assertArrayEquals(ChunkedSource.pattern(40_000), body.bytes);
    assertNull(body.rest, "nothing is left on the wire");
    assertEquals(6, source.requested, "one request per item of the five, and one that met the end");
    assertFalse(source.cancelled);
  }

  @Test
  void aBodyOfExactlyTheLimitIsStillWhole() {
    new ChunkedSource(subscriber, LIMIT, 8 * 1024).start();

    assertArrayEquals(ChunkedSource.pattern(LIMIT), body().bytes);
    assertNull(body().rest);
  }

  @Test
  void aBodyPastTheLimitCompletesEarlyWithItsFirstBytesAndStopsReading() {
    ChunkedSource source = new ChunkedSource(subscriber, 1_000_000_000L, 8 * 1024).start();

    HeldErrorBody body = body();

    assertEquals(LIMIT + 8 * 1024, body.bytes.length, "the bound plus the item that crossed it");
    assertArrayEquals(ChunkedSource.pattern(body.bytes.length), body.bytes);
    assertNotNull(body.rest);
    assertEquals(9, source.requested, "nothing asked for after the item past the bound");
    assertFalse(source.completed);
    assertFalse(source.cancelled, "the rest stays open until Airbag decides");
  }

  @Test
  void aFailureBeforeTheLimitFailsTheBody() {
    subscriber.onSubscribe(new HandDriven());
    subscriber.onNext(List.of(ByteBuffer.wrap(new byte[100])));
    IOException reset = new IOException("connection reset");

    subscriber.onError(reset);

    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> subscriber.getBody().toCompletableFuture().get());
    assertSame(reset, failed.getCause());
  }

  @Test
  void aSecondSubscriptionIsCancelled() {
    HandDriven first = new HandDriven();
    HandDriven second = new HandDriven();
    subscriber.onSubscribe(first);

    subscriber.onSubscribe(second);

    assertTrue(second.cancelled);
    assertEquals(0, second.requested);
    assertFalse(first.cancelled);
    assertEquals(1, first.requested);
  }

  @Test
  void theBytesHeldAreACopyThatLaterBufferReuseCannotChange() {
    byte[] reused = new byte[2000];
    Arrays.fill(reused, (byte) 'a');
    subscriber.onSubscribe(new HandDriven());
    subscriber.onNext(List.of(ByteBuffer.wrap(reused)));
    Arrays.fill(reused, (byte) 'b');
    subscriber.onComplete();

    assertEquals('a', body().bytes[1999]);
  }
}
