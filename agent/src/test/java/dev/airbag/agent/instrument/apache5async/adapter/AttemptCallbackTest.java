package dev.airbag.agent.instrument.apache5async.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.junit.jupiter.api.Test;

class AttemptCallbackTest {
  private final List<String> order = new CopyOnWriteArrayList<>();
  private final AsyncExecCallback app = new AsyncExecCallback() {
    @Override
    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails details) {
      order.add("app sees " + response.getFirstHeader("X-Engine"));
      return null;
    }

    @Override
    public void handleInformationResponse(HttpResponse response) {
    }

    @Override
    public void completed() {
      order.add("app completed");
    }

    @Override
    public void failed(Exception cause) {
      order.add("app failed");
    }
  };

  @Test
  void aLiveSuccessIsDecidedOnTheIoThreadBeforeTheAppSeesIt() throws Exception {
    CompletableFuture<AsyncAttempt> answer = new CompletableFuture<>();
    // As the engine does before it sends: its decision (here, a header added) listens on the answer.
    answer.thenAccept(attempt -> {
      order.add("engine on " + Thread.currentThread().getName());
      attempt.response.setHeader("X-Engine", "decided");
    });
    AttemptCallback callback = new AttemptCallback(new AsyncAttempt(answer), app, (a, e) -> { }, 1024);
    Thread io = new Thread(() -> {
      try {
        callback.handleResponse(new BasicHttpResponse(200), new BasicEntityDetails(2, ContentType.APPLICATION_JSON));
        callback.completed();
      } catch (Exception e) {
        order.add("threw " + e);
      }
    }, "io-dispatch");
    long start = System.nanoTime();
    io.start();
    io.join();

    assertEquals(List.of("engine on io-dispatch", "app sees X-Engine: decided", "app completed"), order);
    assertTrue(System.nanoTime() - start < 1_000_000_000L);
  }

  @Test
  void aFailureIsHeldForTheEngineAndNeverReachesTheApp() throws Exception {
    CompletableFuture<AsyncAttempt> answer = new CompletableFuture<>();
    AsyncAttempt attempt = new AsyncAttempt(answer);
    AttemptCallback callback = new AttemptCallback(attempt, app, (a, e) -> { }, 1024);

    AsyncDataConsumer held = callback.handleResponse(new BasicHttpResponse(503),
        new BasicEntityDetails(2, ContentType.APPLICATION_JSON));
    held.consume(java.nio.ByteBuffer.wrap("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    held.streamEnd(null);
    callback.completed();

    assertTrue(answer.isDone());
    assertSame(attempt, answer.get());
    assertFalse(attempt.live);
    assertEquals(List.of(), order);
  }
}
