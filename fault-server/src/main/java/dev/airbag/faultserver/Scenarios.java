package dev.airbag.faultserver;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Named demo scenarios: the bad afternoons of the mission, each a {@link FaultPlan} for one target model (the
 * app's primary model, for the scenarios that fail one model only). Shared by {@link FaultServerMain}, the
 * demo and tests. Immutable.
 */
public final class Scenarios {
  /** How long the "outage" scenario fails the primary model. */
  public static final Duration OUTAGE = Duration.ofSeconds(30);
  /** How long the "slow" scenario holds back the first byte. */
  public static final Duration SLOW_FIRST_BYTE = Duration.ofSeconds(8);

  private static final Map<String, Scenario> ALL = build();

  private static Map<String, Scenario> build() {
    Map<String, Scenario> all = new LinkedHashMap<>();
    BiAdd add = (name, description, planFor) -> all.put(name, new Scenario(name, description, planFor));
    add.add("healthy", "every request succeeds", model -> FaultPlans.healthy());
    add.add("tuesday", "1 request in 5 gets 529 overloaded (503 for OpenAI)",
        model -> FaultPlans.everyNth(5, Faults.overloaded()));
    add.add("rate-limit", "every 2nd request gets 429 with Retry-After: 1",
        model -> FaultPlans.everyNth(2, Faults.rateLimited(1)));
    add.add("outage", "the model fails with 503 for the first 30 s, other models succeed",
        model -> FaultPlans.forModel(model, FaultPlans.between(Duration.ZERO, OUTAGE,
            ProviderErrors.serverError(503))));
    add.add("retired", "the model answers 404 model not found, other models succeed",
        model -> FaultPlans.forModel(model, FaultPlans.always(ProviderErrors.modelNotFound())));
    add.add("slow", "every first byte comes after 8 s", model -> FaultPlans.always(
        Faults.delayFirstByte(SLOW_FIRST_BYTE)));
    add.add("content-policy", "every request is rejected by the content policy (400)",
        model -> FaultPlans.always(ProviderErrors.contentPolicy()));
    add.add("stream-cut", "every answer is cut after 3 events (streams) or 3 bytes",
        model -> FaultPlans.always(Faults.cutStreamAfter(3)));
    return Collections.unmodifiableMap(all);
  }

  private interface BiAdd {
    void add(String name, String description, Function<String, FaultPlan> planFor);
  }

  /** One scenario: a description for people, and its plan for a model. */
  public record Scenario(String name, String description, Function<String, FaultPlan> planFor) {}

  private Scenarios() {}

  /** The scenario called {@code name}, if any. */
  public static Optional<Scenario> named(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** Every scenario, in a stable order. */
  public static Map<String, Scenario> all() {
    return ALL;
  }
}
