package dev.airbag.agent;

import dev.airbag.agent.instrument.LlmTraffic;
import dev.airbag.agent.instrument.okhttp.OkHttpInterceptors;
import dev.airbag.bootstrap.Bridge;

/** The agent's side of the bootstrap bridge: routes each hook to its instrumentation. Thread-safe. */
final class AgentBridge implements Bridge {
  private final OkHttpInterceptors okHttp;

  AgentBridge(LlmTraffic traffic) {
    this.okHttp = new OkHttpInterceptors(traffic, AgentBridge.class.getClassLoader());
  }

  @Override
  public void okHttpClientBuilding(Object okHttpClientBuilder) {
    okHttp.addTo(okHttpClientBuilder);
  }
}
