package dev.airbag.agent.instrument;

import dev.airbag.agent.engine.call.InternalErrorListener;
import dev.airbag.bootstrap.Bridge;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The agent's side of the bootstrap bridge: every module's hooks in one array indexed by hook id, so that a hooked
 * call costs an array load and no lookup by name. A module's hooks are made the first time one of them is called,
 * not at start-up: an app uses one or two of the clients Airbag covers, and making the rest (their handlers, their
 * classes) was a tenth of premain. Making them has no side effect, so two threads that race both make them and the
 * first to publish wins; no lock is held, so no class initialisation of the app's can wait on another thread here.
 * Thread-safe.
 */
final class HookTable implements Bridge {
  /** Runs the original method untouched. */
  private static final Hook PASS = Hook.replacing("pass-through", null);
  /** Set while this thread makes a module's hooks: a hooked call that this causes runs as without Airbag. */
  private static final ThreadLocal<Boolean> MAKING = new ThreadLocal<>();

  private final AtomicReferenceArray<Hook> hooks;
  // Indexed by the module's place in the registry; null where no enabled module is (its advice is never woven).
  private final InstrumentationModule[] modules;
  private final ModuleContext[] contexts;
  private final InternalErrorListener errors;

  HookTable(List<InstrumentationModule> enabled, List<ModuleContext> contexts, int registrySize,
      InternalErrorListener errors) {
    this.hooks = new AtomicReferenceArray<>(registrySize * ModuleContext.HOOKS_PER_MODULE);
    this.modules = new InstrumentationModule[registrySize];
    this.contexts = new ModuleContext[registrySize];
    for (int i = 0; i < enabled.size(); i++) {
      int place = contexts.get(i).hookId(0) / ModuleContext.HOOKS_PER_MODULE;
      this.modules[place] = enabled.get(i);
      this.contexts[place] = contexts.get(i);
    }
    this.errors = errors;
  }

  @Override
  public Object enter(int hook, Object self, Object a, Object b, Object c) {
    return hook(hook).enter(self, a, b, c);
  }

  @Override
  public void observe(int hook, Object a, Object b) {
    hook(hook).observe(a, b);
  }

  @Override
  public void hookFailed(int hook, Throwable error) {
    Hook failed = hook >= 0 && hook < hooks.length() ? hooks.get(hook) : null;
    errors.onInternalError("the " + (failed != null ? failed.name() : "#" + hook) + " hook", error);
  }

  private Hook hook(int id) {
    Hook made = hooks.get(id);
    return made != null ? made : make(id);
  }

  /** Makes the hooks of the module that {@code id} belongs to, and returns that one. */
  private Hook make(int id) {
    int place = id / ModuleContext.HOOKS_PER_MODULE;
    InstrumentationModule module = modules[place];
    if (module == null || MAKING.get() != null) {
      return PASS;
    }
    ModuleContext context = contexts[place];
    MAKING.set(Boolean.TRUE);
    try {
      List<Hook> made = module.hooks(context);
      for (int local = 0; local < made.size(); local++) {
        hooks.compareAndSet(context.hookId(local), null, made.get(local));
      }
    } catch (RuntimeException | LinkageError failure) {
      // Said once; the module's hooks then let everything pass, as without Airbag.
      for (int local = 0; local < ModuleContext.HOOKS_PER_MODULE; local++) {
        hooks.compareAndSet(context.hookId(local), null, PASS);
      }
      errors.onInternalError("making the " + module.name() + " hooks", failure);
    } finally {
      MAKING.remove();
    }
    Hook now = hooks.get(id);
    return now != null ? now : PASS;
  }
}
