package dev.airbag.faultserver;

/**
 * Chooses the fault for each LLM request: the script of a test or a demo scenario. Plans are called
 * concurrently from connection threads, so they must be thread-safe; the ones in {@link FaultPlans} are pure
 * functions of the {@link RequestInfo} (its indices and arrival time), hence deterministic.
 */
@FunctionalInterface
public interface FaultPlan {
  /** The fault for {@code request}; {@link Faults#success()} for a normal answer. */
  Fault choose(RequestInfo request);
}
