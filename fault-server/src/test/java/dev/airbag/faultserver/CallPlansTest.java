package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallPlansTest {
  private static final Fault FAIL = Faults.overloaded();

  private static RequestInfo call(String body, int index, Duration sinceStart) {
    RecordedRequest request = new RecordedRequest("POST", Requests.OPENAI_PATH, new Headers(List.of()),
        body.getBytes(StandardCharsets.UTF_8), "m", 0L);
    return new RequestInfo(request, WireFormat.OPENAI, false, index, index, sinceStart);
  }

  /** Each of {@code calls} calls tried {@code attempts} times, in the given order of (call, attempt) pairs. */
  private static List<List<Fault>> run(FaultPlan plan, int calls, int attempts, boolean interleaved) {
    List<List<Fault>> perCall = new ArrayList<>();
    for (int c = 0; c < calls; c++) {
      perCall.add(new ArrayList<>());
    }
    int index = 0;
    for (int outer = 0; outer < (interleaved ? attempts : calls); outer++) {
      for (int inner = 0; inner < (interleaved ? calls : attempts); inner++) {
        int c = interleaved ? inner : outer;
        perCall.get(c).add(plan.choose(call("call " + c, index++, Duration.ZERO)));
      }
    }
    return perCall;
  }

  @Test
  void ratioPerCallGivesEachCallTheSameFaultsHoweverCallsInterleave() {
    List<List<Fault>> oneAfterAnother = run(CallPlans.ratioPerCall(0.33, FAIL, 42), 300, 3, false);
    List<List<Fault>> interleaved = run(CallPlans.ratioPerCall(0.33, FAIL, 42), 300, 3, true);

    assertEquals(oneAfterAnother, interleaved);
  }

  @Test
  void ratioPerCallFailsAboutTheRatioOfAttempts() {
    long failures = run(CallPlans.ratioPerCall(0.33, FAIL, 7), 1000, 3, false).stream()
        .flatMap(List::stream).filter(f -> f == FAIL).count();

    assertTrue(failures > 850 && failures < 1130, "about 33% of 3000, was " + failures);
  }

  @Test
  void ratioPerCallDependsOnTheSeed() {
    assertTrue(!run(CallPlans.ratioPerCall(0.5, FAIL, 1), 50, 2, false)
        .equals(run(CallPlans.ratioPerCall(0.5, FAIL, 2), 50, 2, false)));
    assertThrows(IllegalArgumentException.class, () -> CallPlans.ratioPerCall(-0.1, FAIL, 1));
  }

  @Test
  void aWindowFromTheFirstRequestOpensWhenTheFirstRequestArrives() {
    FaultPlan burst = CallPlans.windowFromFirstRequest(Duration.ofSeconds(2), FAIL);

    assertSame(FAIL, burst.choose(call("a", 0, Duration.ofSeconds(5))));
    assertSame(FAIL, burst.choose(call("b", 1, Duration.ofMillis(6_999))));
    assertSame(Faults.success(), burst.choose(call("c", 2, Duration.ofSeconds(7))));
    assertSame(Faults.success(), burst.choose(call("d", 3, Duration.ofSeconds(60))));
  }
}
