package dev.airbag.agent.instrument;

import dev.airbag.bootstrap.ReentrancyGuard;

/**
 * The agent's side of one hook: what {@code BridgeHolder.enter} or {@code BridgeHolder.observe} reaches for the
 * id the hook's advice carries. Made per module from the runtime when the first is called ({@link HookTable}); the
 * handler it wraps is called on the app's thread and must not allocate more than the work it does. Immutable and
 * thread-safe.
 */
public final class Hook {
  /** Runs instead of, or at the start of, the hooked method; null lets the original run untouched. */
  @FunctionalInterface
  public interface Replacing {
    Object enter(Object self, Object a, Object b, Object c);
  }

  /** Sees the hooked code go by; the code goes on as without Airbag. */
  @FunctionalInterface
  public interface Observing {
    void observe(Object a, Object b);
  }

  private final String name;
  private final Replacing replacing;
  private final Observing observing;
  private final boolean skipsAirbagsOwnWork;

  private Hook(String name, Replacing replacing, Observing observing, boolean skipsAirbagsOwnWork) {
    this.name = name;
    this.replacing = replacing;
    this.observing = observing;
    this.skipsAirbagsOwnWork = skipsAirbagsOwnWork;
  }

  /** A hook whose advice calls {@code BridgeHolder.enter}; {@code name} reads in "the NAME hook failed". */
  public static Hook replacing(String name, Replacing handler) {
    return new Hook(name, handler, null, true);
  }

  /** A hook whose advice calls {@code BridgeHolder.observe}. */
  public static Hook observing(String name, Observing handler) {
    return new Hook(name, null, handler, true);
  }

  /**
   * The same hook, called on Airbag's own threads too. By default Airbag's own work ({@link ReentrancyGuard})
   * passes every hook untouched, so that the agent never recurses into itself; a hook that only keeps
   * books about the app's objects may need to see it (a future failed on an app thread and read by Airbag).
   */
  public Hook evenOnAirbagsOwnThreads() {
    return new Hook(name, replacing, observing, false);
  }

  public String name() {
    return name;
  }

  Object enter(Object self, Object a, Object b, Object c) {
    // Airbag's own calls (exports, the AI labeller) go through the original method and never recurse.
    if (replacing == null || skipsAirbagsOwnWork && ReentrancyGuard.isActive()) {
      return null;
    }
    return replacing.enter(self, a, b, c);
  }

  void observe(Object a, Object b) {
    if (observing == null || skipsAirbagsOwnWork && ReentrancyGuard.isActive()) {
      return;
    }
    observing.observe(a, b);
  }
}
