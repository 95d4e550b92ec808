package dev.airbag.demo;

import java.util.List;
import java.util.Map;

/**
 * What one way of one scenario produced, times in milliseconds since the driver said go.
 *
 * @param calls      every app call, as the app logged it
 * @param circuits   circuit transitions: Airbag's {@code circuit} events, or the hand-written breakers' log
 * @param upstream   every LLM request the fault server received
 * @param events     Airbag's events other than alerts, by kind ({@code llm_call}, {@code circuit}); empty without it
 * @param alerts     names of the alert rules that fired
 * @param exitCode   the child JVM's exit code (-1: stopped after a timeout)
 */
record RunData(Way way, List<Call> calls, List<CircuitChange> circuits, List<Upstream> upstream,
    Map<String, Integer> events, List<String> alerts, int exitCode) {

  /** One app call: when it started, how long it took, and what the underwriter got. */
  record Call(int number, String model, boolean streamed, double startMs, double millis, boolean ok,
      String servedModel, String text, String error) {}

  /** A circuit of {@code model} moved to {@code state} ({@code closed}, {@code half_open}, {@code open}). */
  record CircuitChange(double atMs, String model, String state) {}

  /** One request the provider saw, for {@code model}. */
  record Upstream(double atMs, String model) {}

  int eventCount() {
    return events.values().stream().mapToInt(Integer::intValue).sum();
  }
}
