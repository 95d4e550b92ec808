package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * A queueing capacity plan serves its slots, queues the next requests in arrival order and serves them as slots
 * free, turns away only what finds the queue full, and serves a queued request whose client has given up.
 */
class QueueingCapacityPlanTest {
  private static final Duration SERVICE = Duration.ofSeconds(1);

  private static ResponseSpec at(FaultPlan plan, int index, long millis) {
    RecordedRequest recorded = new RecordedRequest("POST", Requests.OPENAI_PATH, new Headers(List.of()), new byte[0],
        "m", 0L);
    RequestInfo request = new RequestInfo(recorded, WireFormat.OPENAI, false, index, index, Duration.ofMillis(millis));
    ResponseSpec response = new ResponseSpec(request);
    Faults.success().shape(response);
    plan.choose(request).shape(response);
    return response;
  }

  @Test
  void requestsBeyondTheSlotsWaitInOrderAndOnlyAFullQueueTurnsAway() {
    CapacityPlan plan = FaultPlans.queueing(2, SERVICE, Duration.ZERO, Duration.ZERO, 1, 2);

    ResponseSpec first = at(plan, 0, 0);
    ResponseSpec second = at(plan, 1, 100);
    ResponseSpec third = at(plan, 2, 200);
    ResponseSpec fourth = at(plan, 3, 300);
    ResponseSpec fifth = at(plan, 4, 400);

    assertEquals(SERVICE, first.firstByteDelay(), "a free slot: the service time alone");
    assertEquals(SERVICE, second.firstByteDelay());
    assertEquals(200, third.status());
    assertEquals(Duration.ofMillis(1_800), third.firstByteDelay(), "starts when the first ends, at 1 s");
    assertEquals(Duration.ofMillis(1_800), fourth.firstByteDelay(), "starts when the second ends, at 1.1 s");
    assertEquals(503, fifth.status(), "the queue of two is full");
    assertEquals(Duration.ZERO, fifth.firstByteDelay(), "turned away at once");
    assertEquals(4, plan.accepted());
    assertEquals(1, plan.rejected());
    assertEquals(2, plan.peakQueued());
  }

  @Test
  void theQueueEmptiesAsItsRequestsStart() {
    CapacityPlan plan = FaultPlans.queueing(1, SERVICE, Duration.ZERO, Duration.ZERO, 1, 1);

    at(plan, 0, 0);
    assertEquals(Duration.ofMillis(1_500), at(plan, 1, 500).firstByteDelay(), "queued, starts at 1 s");
    assertEquals(503, at(plan, 2, 900).status(), "the queue of one is full until 1 s");
    assertEquals(Duration.ofMillis(1_900), at(plan, 3, 1_100).firstByteDelay(), "queued again, starts at 2 s");
  }

  @Test
  void duringTheDropTheQueueMovesAtTheShareLeftAndAtItsEndAtFullSpeed() {
    CapacityPlan plan = FaultPlans.queueing(4, SERVICE, Duration.ofSeconds(10), Duration.ofSeconds(13), 0.25, 10);

    // given two requests in service when the drop begins
    at(plan, 0, 9_900);
    at(plan, 1, 9_950);
    // then one slot exists: the next waits for both to end, the one after for that one
    assertEquals(Duration.ofMillis(1_950), at(plan, 2, 10_000).firstByteDelay(), "starts at 10.95 s");
    assertEquals(Duration.ofMillis(2_950), at(plan, 3, 10_000).firstByteDelay(), "starts at 11.95 s");
    assertEquals(Duration.ofMillis(3_850), at(plan, 4, 10_100).firstByteDelay(), "starts at 12.95 s");
    // when the slots are back at 13 s, three queued requests start at once beside the one in service
    for (int i = 5; i < 8; i++) {
      assertEquals(Duration.ofMillis(3_900), at(plan, i, 10_100).firstByteDelay(), "request " + i);
    }
    assertEquals(Duration.ofMillis(4_850), at(plan, 8, 10_100).firstByteDelay(), "starts at 13.95 s");
    for (int i = 9; i < 12; i++) {
      at(plan, i, 10_100);
    }
    assertEquals(503, at(plan, 12, 10_100).status(), "ten queued already");
    assertEquals(10, plan.peakQueued());
    assertEquals(1, plan.rejected());
  }

  @Test
  void withoutAQueueItTurnsAwayAsTheCapacityPlanDoes() {
    CapacityPlan plan = FaultPlans.queueing(1, SERVICE, Duration.ZERO, Duration.ZERO, 1, 0);

    assertEquals(200, at(plan, 0, 0).status());
    assertEquals(503, at(plan, 1, 999).status());
    assertEquals(200, at(plan, 2, 1_000).status());
    assertEquals(0, plan.peakQueued());
  }

  @Test
  void itRefusesANegativeQueue() {
    assertThrows(IllegalArgumentException.class,
        () -> FaultPlans.queueing(1, SERVICE, Duration.ZERO, Duration.ZERO, 1, -1));
  }

  @Test
  void overHttpQueuedRequestsAreServedInTurnAndAnAbandonedOneStillHoldsItsSlot() throws Exception {
    HttpClient client = Requests.client();
    Duration service = Duration.ofMillis(600);
    try (FaultServer server = FaultServer.start()) {
      server.plan(FaultPlans.queueing(1, service, Duration.ZERO, Duration.ZERO, 1, 2));
      long start = System.nanoTime();
      CompletableFuture<HttpResponse<String>> served = send(client, server, null);
      Thread.sleep(100);
      // queued behind it; its client gives up long before its turn
      CompletableFuture<HttpResponse<String>> abandoned = send(client, server, Duration.ofMillis(300));
      Thread.sleep(100);
      CompletableFuture<HttpResponse<String>> queued = send(client, server, null);
      Thread.sleep(100);
      CompletableFuture<HttpResponse<String>> turnedAway = send(client, server, null);

      HttpResponse<String> full = turnedAway.get();
      long fullMillis = millisSince(start);
      ExecutionException gaveUp = assertThrows(ExecutionException.class, abandoned::get);
      assertEquals(200, served.get().statusCode());
      HttpResponse<String> last = queued.get();
      long lastMillis = millisSince(start);

      assertEquals(503, full.statusCode(), "the queue of two was full");
      assertTrue(fullMillis < 500, "turned away at once, took " + fullMillis + " ms");
      assertTrue(gaveUp.getCause() instanceof HttpTimeoutException, gaveUp.getCause().toString());
      assertEquals(200, last.statusCode());
      assertTrue(lastMillis >= 3 * service.toMillis(), "served after the first and the abandoned one, in "
          + lastMillis + " ms");
      assertEquals(4, server.requestCount());
    }
  }

  private static CompletableFuture<HttpResponse<String>> send(HttpClient client, FaultServer server,
      Duration timeout) {
    var request = Requests.post(server, Requests.OPENAI_PATH, Requests.openAi("m", false));
    if (timeout != null) {
      request.timeout(timeout);
    }
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
