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

  /**
   * The child kept its loopback servers on {@code serverCpu} and its calling thread off it: at least the LLM server's
   * listener, the thread that served the calls and the other server's listener are there.
   */
  static void serversApart(String variant, int serverCpu, Map<String, Double> results) {
    Double servers = results.get("threads_on_server_cpu");
    if (servers == null || servers < 3) {
      throw new IllegalStateException(variant + ": " + servers + " threads on the servers' CPU " + serverCpu
          + ", expected 3 or more");
    }
    equal(variant + " calling thread on the servers' CPU", 0, results.get("caller_on_server_cpu"));
  }
}
