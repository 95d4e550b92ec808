package dev.airbag.agent.instrument.sampleadapter;

import dev.airbag.agent.instrument.LlmTraffic;
import java.util.function.Supplier;

/** An adapter made with the engine's traffic, for {@code AdapterPackageTest}; answers what it was given. */
public final class TrafficAdapter implements Supplier<Object> {
  private final LlmTraffic traffic;

  public TrafficAdapter(LlmTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  public Object get() {
    return traffic;
  }
}
