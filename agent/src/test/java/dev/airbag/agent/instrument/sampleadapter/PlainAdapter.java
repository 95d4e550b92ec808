package dev.airbag.agent.instrument.sampleadapter;

import java.util.function.Supplier;

/** An adapter with only a no-argument constructor, for {@code AdapterPackageTest}. */
public final class PlainAdapter implements Supplier<Object> {
  @Override
  public Object get() {
    return "plain";
  }
}
