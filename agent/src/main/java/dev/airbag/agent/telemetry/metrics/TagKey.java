package dev.airbag.agent.telemetry.metrics;

import java.util.Arrays;

/** The tag values of one meter, as a map key for the binder's meter caches. Immutable. */
final class TagKey {
  private final String[] values;
  private final int hash;

  TagKey(String... values) {
    this.values = values;
    this.hash = Arrays.hashCode(values);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TagKey && Arrays.equals(values, ((TagKey) other).values);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
