package dev.airbag.demo;

import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import dev.airbag.faultserver.ProviderErrors;
import dev.airbag.faultserver.Scenarios;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The afternoons the demo plays, built from the fault server's {@link Scenarios} and plans. Time windows are
 * fractions of the workload's span (packages arrive for {@code span}), so a short test run meets the same
 * faults as the full demo. Immutable.
 */
final class DemoScenarios {
  static final String PRIMARY = LoanPackage.ANTHROPIC_MODEL;
  static final Duration SLOW_FIRST_BYTE = Duration.ofSeconds(5);

  private DemoScenarios() {}

  /** Every scenario, in the order the demo plays them. */
  static List<DemoScenario> all(Duration span) {
    Duration outageFrom = fraction(span, 0.15);
    Duration outageTo = fraction(span, 0.75);
    return List.of(
        new DemoScenario("tuesday", "Tuesday afternoon",
            "1 request in 5 answers 529 overloaded (503 for OpenAI)",
            "Short, scattered overloads: retries absorb them; Airbag's retries replace the SDK's own, so the"
                + " provider sees no more requests than without it.", named("tuesday", PRIMARY)),
        new DemoScenario("rate-limit", "Rate-limit burst",
            "from " + secs(fraction(span, 0.2)) + " to " + secs(fraction(span, 0.6))
                + ", every request to the primary models answers 429 with Retry-After: 1",
            "A burst longer than the SDK's two retries: Airbag waits as Retry-After asks and serves the calls from"
                + " the smaller fallback model, which is not rate-limited.",
            primaryModels(FaultPlans.between(fraction(span, 0.2), fraction(span, 0.6), Faults.rateLimited(1)))),
        new DemoScenario("outage", "Outage of the primary model",
            PRIMARY + " answers 503 from " + secs(outageFrom) + " to " + secs(outageTo) + " (a 30 s outage scaled"
                + " down to " + secs(outageTo.minus(outageFrom)) + " to fit the demo), then recovers",
            "A hard outage: Airbag's circuit opens, calls go straight to the fallback model without waiting on"
                + " the dead one, and half-open probes bring the primary back when it recovers.",
            FaultPlans.forModel(PRIMARY, FaultPlans.between(outageFrom, outageTo, ProviderErrors.serverError(503)))),
        new DemoScenario("retired", "Retired model",
            PRIMARY + " answers 404 model not found",
            "A retired model: retrying a 404 cannot help, so Airbag does not; it switches to the fallback model"
                + " at once and every call is served.", named("retired", PRIMARY)),
        new DemoScenario("slow", "Slow first bytes",
            "from " + secs(fraction(span, 0.2)) + " to " + secs(fraction(span, 0.7)) + ", " + PRIMARY
                + " sends its first byte after " + secs(SLOW_FIRST_BYTE),
            "A provider that hangs: Airbag's first-byte timeout (2 s in the demo's properties) gives up early"
                + " and tries the fallback model, where the SDK alone waits out every slow answer.",
            FaultPlans.forModel(PRIMARY, FaultPlans.between(fraction(span, 0.2), fraction(span, 0.7),
                Faults.delayFirstByte(SLOW_FIRST_BYTE)))),
        new DemoScenario("content-policy", "Content-policy rejections",
            "packages with " + LoanPackage.SCANNED_NOTE + " (1 in 8) are rejected with 400 by every model",
            "What Airbag leaves alone: the same content is refused by every model, so retrying or falling back"
                + " would only add requests; the outcome is the same three ways, and Airbag reports each"
                + " refusal as a content_policy event.",
            request -> request.request().bodyText().contains(LoanPackage.SCANNED_NOTE)
                ? ProviderErrors.contentPolicy() : Faults.success()),
        new DemoScenario("stream-cut", "Stream cut midway",
            "every other streamed answer is cut after 3 events",
            "What Airbag leaves alone: once a stream's first bytes reached the app, replaying it would repeat"
                + " text the app already showed, so Airbag retries a stream only before its first byte; the"
                + " cut reaches the app as without it, and is reported as an event.", request -> request.stream()
                && request.index() % 2 == 0 ? Faults.cutStreamAfter(3) : Faults.success()));
  }

  /** The scenarios named in {@code names} (all when empty), in the demo's order. */
  static List<DemoScenario> select(Duration span, List<String> names) {
    List<DemoScenario> all = all(span);
    List<String> unknown = names.stream().filter(name -> all.stream().noneMatch(s -> s.name().equals(name)))
        .collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown scenario " + String.join(", ", unknown) + " (known: "
          + all.stream().map(DemoScenario::name).collect(Collectors.joining(", ")) + ")");
    }
    return names.isEmpty() ? all : all.stream().filter(s -> names.contains(s.name())).collect(Collectors.toList());
  }

  private static FaultPlan named(String name, String model) {
    return Scenarios.named(name).orElseThrow().planFor().apply(model);
  }

  private static FaultPlan primaryModels(FaultPlan plan) {
    return FaultPlans.byModel(Map.of(PRIMARY, plan, LoanPackage.OPENAI_MODEL, plan), FaultPlans.healthy());
  }

  private static Duration fraction(Duration span, double share) {
    return Duration.ofMillis(Math.round(span.toMillis() * share));
  }

  private static String secs(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0).replace(".0 s", " s");
  }
}
