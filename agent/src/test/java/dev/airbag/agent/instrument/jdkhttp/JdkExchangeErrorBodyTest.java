package dev.airbag.agent.instrument.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What happens to an error body read only in part, when the engine drops the attempt or hands it to the app. */
class JdkExchangeErrorBodyTest {
  private static final int LIMIT = 64 * 1024;
  private static final int TOTAL = 3_000_000;
  private static final HttpRequest REQUEST = HttpRequest.newBuilder(URI.create("http://127.0.0.1/v1/chat/completions"))
      .build();

  private final JdkExchange exchange = new JdkExchange(null, REQUEST, HttpResponse.BodyHandlers.ofByteArray(), null, false,
      LIMIT);
  private final ErrorBodySubscriber reader = new ErrorBodySubscriber(LIMIT, new CompletableFuture<>());
  private final ChunkedSource wire = new ChunkedSource(reader, TOTAL, 16 * 1024).start();
  private final JdkAttempt attempt = JdkAttempt.of(new ReplayedResponse<>(503,
      HttpHeaders.of(Map.of("Content-Type", List.of("text/plain")), (name, value) -> true),
      reader.getBody().toCompletableFuture().join(), REQUEST, HttpClient.Version.HTTP_1_1, Optional.empty()), null);

  @Test
  void theEnginePeeksAtTheBytesReadNoFurther() {
    byte[] peeked = exchange.peekBody(attempt, LIMIT);

    assertArrayEquals(ChunkedSource.pattern(LIMIT), peeked);
    assertEquals(LIMIT / (16 * 1024) + 1, wire.requested, "the wire was read up to just past the bound");
  }

  @Test
  void aDiscardedAttemptCancelsWhatIsLeftOnTheWire() {
    exchange.discard(attempt);

    assertTrue(wire.cancelled);
  }

  @Test
  void theAppGetsTheWholeBodyThroughItsOwnHandler() throws Exception {
    CompletableFuture<HttpResponse<Object>> response = exchange.toApp(attempt);

    Object body = BodyReplay.now(response, attempt.unreadRest()).body();
    assertEquals(503, response.join().statusCode());
    assertArrayEquals(ChunkedSource.pattern(TOTAL), (byte[]) body);
    assertFalse(wire.cancelled);
  }

  @Test
  void aHandlerThatThrowsFailsTheCallAndLeavesNoConnectionHeld() {
    IllegalStateException refused = new IllegalStateException("no handler for 503");
    JdkExchange throwing = new JdkExchange(null, REQUEST, info -> {
      throw refused;
    }, null, false, LIMIT);

    CompletableFuture<HttpResponse<Object>> response = throwing.toApp(attempt);

    // As the client does: send throws an IOException with the handler's failure inside, sendAsync fails with it.
    IOException thrown = assertThrows(IOException.class, () -> BodyReplay.now(response, attempt.unreadRest()));
    assertSame(refused, thrown.getCause());
    assertEquals("no handler for 503", thrown.getMessage());
    assertTrue(wire.cancelled);
  }

  @Test
  void aConnectionCutInTheRestFailsSendWithTheCauseAsTheClientWould() {
    ErrorBodySubscriber cutReader = new ErrorBodySubscriber(LIMIT, new CompletableFuture<>());
    HandDriven wireOfCut = new HandDriven();
    cutReader.onSubscribe(wireOfCut);
    cutReader.onNext(List.of(ByteBuffer.wrap(new byte[LIMIT + 1])));
    JdkAttempt cut = JdkAttempt.of(new ReplayedResponse<>(502, HttpHeaders.of(Map.of(), (name, value) -> true),
        cutReader.getBody().toCompletableFuture().join(), REQUEST, HttpClient.Version.HTTP_1_1, Optional.empty()),
        null);
    CompletableFuture<HttpResponse<Object>> response = exchange.toApp(cut);
    IOException reset = new IOException("Connection reset");

    cutReader.onError(reset);

    IOException failed = assertThrows(IOException.class, () -> BodyReplay.now(response, cut.unreadRest()));
    assertEquals("Connection reset", failed.getMessage());
    assertSame(reset, failed.getCause());
    assertFalse(wireOfCut.cancelled, "the client ended it already");
  }

  @Test
  void anInterruptWhileWaitingForALiveBodyDropsItsRestAndSurfacesAsAnInterrupt() {
    CompletableFuture<Object> neverDone = new CompletableFuture<>();
    Thread.currentThread().interrupt();

    InterruptedSend interrupted = assertThrows(InterruptedSend.class,
        () -> BodyReplay.now(neverDone, attempt.unreadRest()));

    assertTrue(wire.cancelled);
    assertTrue(interrupted.original() instanceof InterruptedException);
    assertFalse(Thread.interrupted(), "the interrupt is reported, not left pending, as send does");
  }
}
