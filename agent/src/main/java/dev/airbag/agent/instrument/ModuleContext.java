package dev.airbag.agent.instrument;

import dev.airbag.agent.instrument.uncaught.ExceptionCapture;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * What an {@link InstrumentationModule} is given: the JVM's instrumentation, the engine its hooks hand calls to, the
 * settings that shape what it hooks, and its own range of hook ids. Immutable.
 */
public final class ModuleContext {
  /** Each module owns this many consecutive hook ids, from {@code base}. */
  static final int HOOKS_PER_MODULE = 8;

  private final Instrumentation instrumentation;
  private final LlmTraffic traffic;
  private final ExceptionCapture exceptions;
  private final boolean executors;
  private final int base;

  ModuleContext(Instrumentation instrumentation, LlmTraffic traffic, ExceptionCapture exceptions, boolean executors,
      int base) {
    this.instrumentation = instrumentation;
    this.traffic = traffic;
    this.exceptions = exceptions;
    this.executors = executors;
    this.base = base;
  }

  public Instrumentation instrumentation() {
    return instrumentation;
  }

  /** Where HTTP-client hooks hand LLM calls to the engine and report Airbag's own failures. */
  public LlmTraffic traffic() {
    return traffic;
  }

  /** The capture of exceptions nobody handled, or null when airbag.exceptions.enabled is false. */
  public ExceptionCapture exceptions() {
    return exceptions;
  }

  /** Whether executors' and futures' unread failures are watched (airbag.exceptions.executors). */
  public boolean executors() {
    return executors;
  }

  /** Retransforms classes loaded already so that they get the module's hooks; says so if that fails. */
  public void retransform(List<Class<?>> classes) {
    Instrumentations.retransform(instrumentation, classes);
  }

  /** The id the bridge knows the module's hook {@code local} by; {@code local} is its index in the module's hooks. */
  public int hookId(int local) {
    if (local < 0 || local >= HOOKS_PER_MODULE) {
      throw new IllegalArgumentException("a module has hooks 0 to " + (HOOKS_PER_MODULE - 1) + ", not " + local);
    }
    return base + local;
  }

  /** The advice class woven with its {@link HookId} parameter bound to the id of hook {@code local}. */
  public Advice advice(Class<?> adviceClass, int local) {
    return Advice.withCustomMapping().bind(HookId.class, hookId(local)).to(adviceClass);
  }

  /** The same, with the entry and the exit advice in two classes (an entry shared by methods that answer apart). */
  public Advice advice(Class<?> enterClass, Class<?> exitClass, int local) {
    return Advice.withCustomMapping().bind(HookId.class, hookId(local)).to(enterClass, exitClass);
  }
}
