package dev.airbag.agent.instrument.apache4.adapter;

import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.UnaryOperator;
import org.apache.http.impl.execchain.ClientExecChain;

/** Puts Airbag's stage around a client's protocol stage, once per client built. Thread-safe. */
public final class StageWrapper implements UnaryOperator<Object> {
  private final LlmTraffic traffic;

  public StageWrapper(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public Object apply(Object stage) {
    return stage instanceof AirbagStage ? null : new AirbagStage((ClientExecChain) stage, traffic);
  }
}
