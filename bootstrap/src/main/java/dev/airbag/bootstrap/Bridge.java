package dev.airbag.bootstrap;

/**
 * What inlined advice asks of the agent, through two generic entries: the hook is named by an int that the agent's
 * module registry assigned, so a new instrumentation adds nothing here. Only {@code java.base} types cross it,
 * because the advice runs inside classes of any class loader (the app's, OkHttp's, the JDK's platform loader for
 * {@code java.net.http}) and this interface, on the boot loader, can name nothing else. Fixed arities, so that a
 * call allocates nothing. Implementations must be thread-safe; what they throw is reported and swallowed by
 * {@link BridgeHolder}.
 */
public interface Bridge {
  /**
   * Called instead of, or at the start of, a hooked method: what to use in its place (a replacement value, a
   * {@link HookResult}, whatever the hook's advice expects), or null to let the original run untouched.
   */
  Object enter(int hook, Object self, Object a, Object b, Object c);

  /** An observe-only hook: the hooked code goes on as without Airbag whatever happens here. */
  void observe(int hook, Object a, Object b);

  /** A hook above threw: the app went on as without Airbag; the agent says so, once. */
  void hookFailed(int hook, Throwable error);
}
