package dev.airbag.agent.testing;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.engine.call.CallListener;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.wiring.Resilience;

/** Pipeline builders for tests, holding the agent's defaults as the key table gives them, on the test's clock. */
public final class TestPipelines {
  private TestPipelines() {}

  public static CallPipeline.Builder builder(Classifier classifier, CallListener listener, Clock clock) {
    return Resilience.pipelineBuilder(AirbagConfig.defaults(), classifier, listener, clock);
  }
}
