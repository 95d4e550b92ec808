package dev.airbag.faultserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPlansTest {
  private static final Fault FAIL = Faults.anthropicOverloaded();
  private static final Fault OTHER = Faults.rateLimited(1);

  private static List<Fault> choices(FaultPlan plan, int n) {
    List<Fault> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(plan.choose(Requests.info("m", i, i, Duration.ZERO)));
    }
    return out;
  }

  @Test
  void everyNthFailsExactlyTheNthRequests() {
    List<Fault> chosen = choices(FaultPlans.everyNth(5, FAIL), 15);

    for (int i = 0; i < chosen.size(); i++) {
      assertSame((i + 1) % 5 == 0 ? FAIL : Faults.success(), chosen.get(i), "request " + i);
    }
  }

  @Test
  void everyNthRejectsZero() {
    assertThrows(IllegalArgumentException.class, () -> FaultPlans.everyNth(0, FAIL));
  }

  @Test
  void sequencePlaysItsFaultsInOrderThenSucceeds() {
    assertEquals(List.of(FAIL, OTHER, Faults.success(), Faults.success()),
        choices(FaultPlans.sequence(FAIL, OTHER), 4));
  }

  @Test
  void forModelCountsOnlyThatModelsRequests() {
    FaultPlan plan = FaultPlans.forModel("primary", FaultPlans.sequence(FAIL));

    // given another model took overall index 0, the primary's first request is overall index 1
    Fault otherModel = plan.choose(Requests.info("fallback", 0, 0, Duration.ZERO));
    Fault primaryFirst = plan.choose(Requests.info("primary", 1, 0, Duration.ZERO));
    Fault primarySecond = plan.choose(Requests.info("primary", 2, 1, Duration.ZERO));

    assertSame(Faults.success(), otherModel);
    assertSame(FAIL, primaryFirst);
    assertSame(Faults.success(), primarySecond);
  }

  @Test
  void byModelFallsBackToTheDefaultPlanForUnlistedModels() {
    FaultPlan plan = FaultPlans.byModel(Map.of("a", FaultPlans.always(FAIL)), FaultPlans.always(OTHER));

    assertSame(FAIL, plan.choose(Requests.info("a", 0, 0, Duration.ZERO)));
    assertSame(OTHER, plan.choose(Requests.info("b", 1, 0, Duration.ZERO)));
  }

  @Test
  void ratioIsReproducibleForASeedAndCloseToTheRatio() {
    List<Fault> first = choices(FaultPlans.ratio(0.2, FAIL, 42), 2000);
    List<Fault> again = choices(FaultPlans.ratio(0.2, FAIL, 42), 2000);
    List<Fault> otherSeed = choices(FaultPlans.ratio(0.2, FAIL, 7), 2000);

    long failures = first.stream().filter(f -> f == FAIL).count();
    assertEquals(first, again);
    assertTrue(!first.equals(otherSeed), "another seed picks other requests");
    assertTrue(failures > 330 && failures < 470, "about 20% of 2000, was " + failures);
  }

  @Test
  void ratioOfZeroAndOneAreNeverAndAlways() {
    assertTrue(choices(FaultPlans.ratio(0, FAIL, 1), 200).stream().allMatch(f -> f == Faults.success()));
    assertTrue(choices(FaultPlans.ratio(1, FAIL, 1), 200).stream().allMatch(f -> f == FAIL));
    assertThrows(IllegalArgumentException.class, () -> FaultPlans.ratio(1.5, FAIL, 1));
  }

  @Test
  void betweenFailsOnlyInsideTheHalfOpenWindow() {
    FaultPlan outage = FaultPlans.between(Duration.ofSeconds(10), Duration.ofSeconds(40), FAIL);

    assertSame(Faults.success(), outage.choose(Requests.info("m", 0, 0, Duration.ofSeconds(9))));
    assertSame(FAIL, outage.choose(Requests.info("m", 1, 1, Duration.ofSeconds(10))));
    assertSame(FAIL, outage.choose(Requests.info("m", 2, 2, Duration.ofMillis(39_999))));
    assertSame(Faults.success(), outage.choose(Requests.info("m", 3, 3, Duration.ofSeconds(40))));
  }

  @Test
  void firstFailureOverlaysTwoScripts() {
    FaultPlan plan = FaultPlans.firstFailure(FaultPlans.sequence(FAIL), FaultPlans.everyNth(2, OTHER));

    assertEquals(List.of(FAIL, OTHER, Faults.success(), OTHER), choices(plan, 4));
  }
}
