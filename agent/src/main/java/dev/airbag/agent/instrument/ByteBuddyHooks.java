package dev.airbag.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Byte Buddy's transformer with every module's advice, built by {@link LazyTransformer} when a hooked class first
 * loads. Apart from {@link Instrumentations} so that loading that class at start-up loads no Byte Buddy type.
 * Stateless.
 */
final class ByteBuddyHooks {
  private ByteBuddyHooks() {}

  static ClassFileTransformer transformer(List<InstrumentationModule> modules, List<ModuleContext> contexts) {
    AgentBuilder builder = base();
    for (int i = 0; i < modules.size(); i++) {
      builder = modules.get(i).extend(builder, contexts.get(i));
    }
    return builder.makeRaw();
  }

  /** Installs at once what the modules add after a dynamic attach, if any adds anything. */
  static void installOnAttach(Instrumentation instrumentation, List<InstrumentationModule> modules,
      List<ModuleContext> contexts) {
    AgentBuilder base = base();
    AgentBuilder builder = base;
    for (int i = 0; i < modules.size(); i++) {
      builder = modules.get(i).extendOnAttach(builder, contexts.get(i));
    }
    if (builder != base) {
      builder.installOn(instrumentation);
    }
  }

  private static AgentBuilder base() {
    return new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new FailureListener())
        // Airbag's own classes, relocated libraries included, are never instrumented.
        .ignore(ElementMatchers.nameStartsWith("dev.airbag."));
  }
}
