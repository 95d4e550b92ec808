package dev.airbag.bench;

import dev.airbag.faultserver.CallPlans;
import dev.airbag.faultserver.Fault;
import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.ProviderErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One way the provider misbehaves in the no-harm matrix, applied to the app's primary model only (a fallback
 * model stays healthy). {@code timed} patterns depend on when requests arrive, so two runs of the same client
 * differ a little; the others are a function of each call's attempts, so two clients that make the same attempts
 * meet exactly the same faults. Immutable.
 *
 * @param plan a fresh plan for one run, from the run's seed (plans remember what they saw)
 */
record FaultPattern(String id, String description, boolean timed, boolean totalOutage, LongFunction<FaultPlan> plan) {
  /** A short wait hint, as Anthropic and OpenAI send with some overloads; the SDKs and Airbag both honour it. */
  static final String HINT_MS = "50";
  /** A 60 s outage, scaled down so that a cell fits in a minute or so. */
  static final Duration LONG_OUTAGE = Duration.ofSeconds(15);

  static final List<FaultPattern> ALL = build();

  private static List<FaultPattern> build() {
    List<FaultPattern> all = new ArrayList<>();
    Fault overloaded = Faults.overloaded();
    Fault hinted = Faults.withHeader(Faults.overloaded(), "retry-after-ms", HINT_MS);
    for (int percent : new int[] {5, 10, 33, 50, 70, 90}) {
      // Odd ones out get the hint, so that each failure rate is measured with and without somewhere nearby.
      boolean hint = percent == 10 || percent == 33 || percent == 70;
      all.add(random(percent, overloaded, false));
      if (hint) {
        all.add(random(percent, hinted, true));
      }
    }
    all.add(new FaultPattern("burst-2s", "every request overloaded for 2 s from the first, then healthy", true, false,
        seed -> CallPlans.windowFromFirstRequest(Duration.ofSeconds(2), overloaded)));
    all.add(new FaultPattern("burst-10s", "every request overloaded for 10 s from the first, then healthy", true,
        false, seed -> CallPlans.windowFromFirstRequest(Duration.ofSeconds(10), overloaded)));
    all.add(new FaultPattern("burst-60-requests", "the first 60 requests overloaded, then healthy", false, false,
        seed -> FaultPlans.sequence(Collections.nCopies(60, overloaded).toArray(Fault[]::new))));
    Fault down = ProviderErrors.serverError(503);
    all.add(new FaultPattern("outage-5s", "every request 503 for 5 s from the first, then healthy", true, false,
        seed -> CallPlans.windowFromFirstRequest(Duration.ofSeconds(5), down)));
    all.add(new FaultPattern("outage-60s", "every request 503 for a 60 s outage scaled to "
        + LONG_OUTAGE.toSeconds() + " s, then healthy", true, false,
        seed -> CallPlans.windowFromFirstRequest(LONG_OUTAGE, down)));
    all.add(new FaultPattern("outage-total", "every request 503 for the whole run", false, true,
        seed -> FaultPlans.always(down)));
    all.add(new FaultPattern("rate-limit-33", "33% of attempts 429 with Retry-After: 1", false, false,
        seed -> CallPlans.ratioPerCall(0.33, Faults.rateLimited(1), seed)));
    return List.copyOf(all);
  }

  private static FaultPattern random(int percent, Fault fault, boolean hint) {
    return new FaultPattern("random-" + percent + (hint ? "-hint" : ""), percent + "% of attempts overloaded (529 "
        + "overloaded_error / 503)" + (hint ? " with retry-after-ms: " + HINT_MS : ", no wait hint"), false, false,
        seed -> CallPlans.ratioPerCall(percent / 100.0, fault, seed));
  }

  static FaultPattern named(String id) {
    return ALL.stream().filter(p -> p.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fault pattern " + id));
  }
}
