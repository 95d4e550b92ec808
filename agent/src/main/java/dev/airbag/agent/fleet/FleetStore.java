package dev.airbag.agent.fleet;

import java.util.List;
import java.util.Map;

/**
 * Where the fleet's shared state lives: Redis in production, a map in the unit tests. Used by the sync thread only,
 * never by an app's thread; one {@link #sync} is one round trip. Not required to be thread-safe.
 */
interface FleetStore extends AutoCloseable {
  /**
   * Applies the writes in order, then adds each report's counts and reads back its circuit's view, and each budget
   * report's counts and reads back the fleet's (see {@link #budgetViews()}), all in one batch.
   *
   * @param instance this instance's id, the owner of what it writes
   * @param nowMillis this instance's wall clock, which times the counts and the states it writes
   * @return one view per report, in the reports' order
   * @throws FleetStoreException when the store is unreachable, too slow, or answers something unreadable
   */
  List<CircuitView> sync(String instance, List<FleetWrite> writes, List<CircuitReport> reports,
      List<BudgetReport> budgets, long nowMillis);

  /** A sync that reports no retry budget. */
  default List<CircuitView> sync(String instance, List<FleetWrite> writes, List<CircuitReport> reports,
      long nowMillis) {
    return sync(instance, writes, reports, List.of(), nowMillis);
  }

  /**
   * The fleet's counts of each budget reported at the last successful {@link #sync}, in the reports' order, over
   * each report's window; empty before the first.
   */
  List<BudgetView> budgetViews();

  /**
   * The circuits the fleet held open at the last successful {@link #sync} (read in its batch), by digest, with the
   * end of their pause in epoch millis; at most {@link #MAX_OPEN} of them. Empty before the first sync.
   */
  Map<String, Long> openCircuits();

  /** The most open circuits a sync reads back: a bound on what a broken or hostile Redis can make it hold. */
  int MAX_OPEN = 1_000;

  /** Drops the connection; the next {@link #sync} connects again. Never throws. */
  @Override
  void close();
}
