package dev.airbag.bench;

import java.util.Map;

/** Sanity checks on what a child reported, so that a broken run fails loudly instead of yielding a figure. */
final class Checks {
  private Checks() {
  }

  static void agentAttached(String variant, Map<String, Double> results, boolean expected) {
    equal(variant + " agent attached", expected ? 1.0 : 0.0, results.get("agent_attached"));
  }

  static void equal(String what, double expected, Double actual) {
    if (actual == null || Math.abs(actual - expected) > 1e-9) {
      throw new IllegalStateException(what + ": expected " + expected + ", was " + actual);
    }
  }
}
