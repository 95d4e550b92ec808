package dev.airbag.agent.instrument;

import dev.airbag.agent.engine.call.InternalErrorListener;
import dev.airbag.bootstrap.Bridge;

/**
 * The agent's side of the bootstrap bridge: every module's hooks in one array indexed by hook id, so that a hooked
 * call costs an array load and no lookup by name. Ids no enabled module uses hold null (their advice is never
 * woven). Immutable and thread-safe.
 */
final class HookTable implements Bridge {
  private final Hook[] hooks;
  private final InternalErrorListener errors;

  HookTable(Hook[] hooks, InternalErrorListener errors) {
    this.hooks = hooks.clone();
    this.errors = errors;
  }

  @Override
  public Object enter(int hook, Object self, Object a, Object b, Object c) {
    return hooks[hook].enter(self, a, b, c);
  }

  @Override
  public void observe(int hook, Object a, Object b) {
    hooks[hook].observe(a, b);
  }

  @Override
  public void hookFailed(int hook, Throwable error) {
    Hook failed = hook >= 0 && hook < hooks.length ? hooks[hook] : null;
    errors.onInternalError("the " + (failed != null ? failed.name() : "#" + hook) + " hook", error);
  }
}
