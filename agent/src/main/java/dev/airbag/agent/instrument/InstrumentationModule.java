package dev.airbag.agent.instrument;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One instrumentation, in one shape: the types it hooks, the advice woven into them, and the hooks that advice
 * reaches through the generic bootstrap bridge, each bound to the engine. {@link Instrumentations#MODULES} lists
 * them; the installer, the lazy transformer, Byte Buddy's builder and the bridge iterate that list and name no
 * module. Implementations are stateless.
 *
 * <h2>How to add a client</h2>
 * <ol>
 *   <li>A package {@code dev.airbag.agent.instrument.<client>} with one module class implementing this interface.
 *       Number its hooks with {@code static final int} constants from 0 (at most 8), the index of each in
 *       {@link #hooks}.</li>
 *   <li>Its advice classes hold no logic: one line, {@code BridgeHolder.enter(hook, this, a, b, c)} to replace or
 *       wrap a method (null runs the original; with {@code @Advice.OnMethodEnter(skipOn = OnNonDefaultValue.class)}
 *       a non-null answer skips it and the exit advice hands it to the app), or {@code BridgeHolder.observe(hook,
 *       a, b)} to only watch. The {@code int hook} parameter carries {@link HookId}; {@link #extend} weaves the
 *       advice with {@link ModuleContext#advice}{@code (AdviceClass.class, LOCAL_NUMBER)}, which binds it.</li>
 *   <li>Its exchange adapter onto the engine ({@code engine.call.Exchange}, {@code AsyncExchange}), reached from
 *       the hook's handler through {@link ModuleContext#traffic()}. Code that must see the client's own types lives
 *       in an adapter package, loaded next to them by {@link AdapterPackage} (see {@code instrument.okhttp.adapter}).</li>
 *   <li>One line in {@link Instrumentations#MODULES}. The bootstrap bridge, the installer and the wiring stay as
 *       they are.</li>
 * </ol>
 * Handlers must never throw on purpose: what escapes is reported once by the bridge and the app goes on as without
 * Airbag (fail open). By default Airbag's own work passes every hook untouched ({@link Hook#evenOnAirbagsOwnThreads}).
 */
public interface InstrumentationModule {
  /** A short name, for logs. */
  String name();

  /** False leaves the module out: no hooks, no types, no transformation. */
  default boolean enabled(ModuleContext context) {
    return true;
  }

  /**
   * The internal names ({@code okhttp3/OkHttpClient}) of the types {@link #extend} transforms: the first of them to
   * load builds Byte Buddy, and those loaded already are retransformed.
   */
  List<String> targets(ModuleContext context);

  /**
   * The handlers, in the order of the module's hook numbers; made when one of them is first called, on that thread
   * ({@link HookTable}). Without side effects: two threads may both make them, and one set is kept.
   */
  List<Hook> hooks(ModuleContext context);

  /** Work that cannot wait for the first hooked type to load (a class loaded before any agent). Must not throw. */
  default void installEagerly(ModuleContext context) {}

  /** Adds the module's type matchers and advice; called once, when the first target type loads. */
  AgentBuilder extend(AgentBuilder builder, ModuleContext context);

  /** After a dynamic attach: advice for objects the app made before the agent arrived, or the builder as it is. */
  default AgentBuilder extendOnAttach(AgentBuilder builder, ModuleContext context) {
    return builder;
  }
}
