package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A capacity plan serves up to its slots at once, turns the rest away at once, and loses slots in its window. */
class CapacityPlanTest {
  private static final Duration SERVICE = Duration.ofSeconds(1);

  private static ResponseSpec answer(FaultPlan plan, WireFormat format, int index, Duration sinceStart) {
    RecordedRequest recorded = new RecordedRequest("POST", Requests.path(format, "m", false), new Headers(List.of()),
        new byte[0], "m", 0L);
    RequestInfo request = new RequestInfo(recorded, format, false, index, index, sinceStart);
    ResponseSpec response = new ResponseSpec(request);
    Faults.success().shape(response);
    plan.choose(request).shape(response);
    return response;
  }

  private static ResponseSpec at(FaultPlan plan, int index, long millis) {
    return answer(plan, WireFormat.OPENAI, index, Duration.ofMillis(millis));
  }

  @Test
  void requestsBeyondTheSlotsInServiceAreTurnedAwayAtOnce() {
    CapacityPlan plan = FaultPlans.capacity(2, SERVICE, Duration.ZERO, Duration.ZERO, 1);

    ResponseSpec first = at(plan, 0, 0);
    ResponseSpec second = at(plan, 1, 100);
    ResponseSpec third = at(plan, 2, 200);

    assertEquals(200, first.status());
    assertEquals(SERVICE, first.firstByteDelay(), "served after the service time");
    assertEquals(200, second.status());
    assertEquals(503, third.status(), "OpenAI's overloaded answer");
    assertEquals(Duration.ZERO, third.firstByteDelay(), "turned away at once");
    assertEquals(2, plan.accepted());
    assertEquals(1, plan.rejected());
  }

  @Test
  void aSlotFreesWhenItsRequestsServiceTimeEnds() {
    CapacityPlan plan = FaultPlans.capacity(1, SERVICE, Duration.ZERO, Duration.ZERO, 1);

    assertEquals(200, at(plan, 0, 0).status());
    assertEquals(503, at(plan, 1, 999).status());
    assertEquals(200, at(plan, 2, 1_000).status());
  }

  @Test
  void duringTheDropOnlyTheShareLeftAcceptsNewRequests() {
    CapacityPlan plan = FaultPlans.capacity(4, SERVICE, Duration.ofSeconds(10), Duration.ofSeconds(20), 0.5);

    // given two requests in service when the drop begins
    assertEquals(200, at(plan, 0, 9_900).status());
    assertEquals(200, at(plan, 1, 9_950).status());
    // then none more fits until they end, and two at most after
    assertEquals(503, at(plan, 2, 10_000).status());
    assertEquals(200, at(plan, 3, 11_000).status());
    assertEquals(200, at(plan, 4, 11_100).status());
    assertEquals(503, at(plan, 5, 11_200).status());
    // and after the drop all four slots are back
    for (int i = 0; i < 4; i++) {
      assertEquals(200, at(plan, 6 + i, 20_000 + i).status(), "request " + i + " after the drop");
    }
    assertEquals(503, at(plan, 10, 20_500).status());
  }

  @Test
  void anAnthropicRequestBeyondCapacityGetsA529() {
    CapacityPlan plan = FaultPlans.capacity(1, SERVICE, Duration.ZERO, Duration.ZERO, 1);

    at(plan, 0, 0);
    ResponseSpec overloaded = answer(plan, WireFormat.ANTHROPIC, 1, Duration.ofMillis(10));

    assertEquals(529, overloaded.status());
    assertTrue(new String(overloaded.body()).contains("overloaded_error"));
  }

  @Test
  void itRefusesASlotCountItCannotHonour() {
    assertThrows(IllegalArgumentException.class, () -> FaultPlans.capacity(0, SERVICE, Duration.ZERO, Duration.ZERO, 1));
    assertThrows(IllegalArgumentException.class, () -> FaultPlans.capacity(2, SERVICE, Duration.ZERO, Duration.ZERO, 2));
  }

  @Test
  void overHttpTheRequestsBeyondCapacityAreAnsweredBeforeTheServedOnes() throws Exception {
    HttpClient client = Requests.client();
    try (FaultServer server = FaultServer.start()) {
      // A long service time, so that the three requests all arrive while the first two are in service.
      server.plan(FaultPlans.capacity(2, Duration.ofSeconds(3), Duration.ZERO, Duration.ZERO, 1));
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        sent.add(client.sendAsync(Requests.post(server, Requests.OPENAI_PATH, Requests.openAi("m", false)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }

      CompletableFuture<HttpResponse<String>> first = CompletableFuture.anyOf(sent.toArray(CompletableFuture[]::new))
          .thenApply(r -> (HttpResponse<String>) r);
      HttpResponse<String> quickest = first.get();
      long quickestMillis = (System.nanoTime() - start) / 1_000_000;
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> response : sent) {
        statuses.add(response.get().statusCode());
      }
      long allMillis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(503, quickest.statusCode(), "the one beyond capacity comes back first, in " + quickestMillis + " ms");
      assertTrue(quickest.body().contains("overloaded"), quickest.body());
      assertEquals(2, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
      assertTrue(allMillis >= 3_000, "the served ones wait their service time, took " + allMillis + " ms");
      assertEquals(3, server.requestCount());
    }
  }
}
