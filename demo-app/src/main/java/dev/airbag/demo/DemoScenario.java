package dev.airbag.demo;

import dev.airbag.faultserver.FaultPlan;
import dev.airbag.faultserver.FaultPlans;
import dev.airbag.faultserver.Faults;
import java.util.Map;

/** The afternoon the demo plays: what the local LLM server answers. */
final class DemoScenario {
  private DemoScenario() {}

  /**
   * One request in five to the primary model answers 529 overloaded, OpenAI rate-limits now and then, a retired
   * model answers 404, and everything else succeeds.
   */
  static FaultPlan badAfternoon() {
    return FaultPlans.byModel(Map.of(
            "claude-sonnet-4-5", FaultPlans.everyNth(5, Faults.anthropicOverloaded()),
            "gpt-4o", FaultPlans.everyNth(3, Faults.rateLimited(1)),
            "claude-2.1", FaultPlans.always(Faults.anthropicError(404, "not_found_error", "model: claude-2.1"))),
        FaultPlans.healthy());
  }
}
