package dev.airbag.agent.instrument;

import dev.airbag.agent.instrument.uncaught.ExceptionInstrumentation;
import dev.airbag.agent.instrument.jdkhttp.JdkHttpInstrumentation;
import dev.airbag.agent.instrument.okhttp.OkHttpInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Byte Buddy's transformer with every advice hook, built by {@link LazyTransformer} when a hooked class first loads.
 * Apart from {@link Instrumentations} so that loading that class at start-up loads no Byte Buddy type. Stateless.
 */
final class ByteBuddyHooks {
  private ByteBuddyHooks() {}

  static ClassFileTransformer transformer(Instrumentation instrumentation, boolean exceptions,
      boolean executors) {
    AgentBuilder builder = new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new FailureListener())
        // Airbag's own classes, relocated libraries included, are never instrumented.
        .ignore(ElementMatchers.nameStartsWith("dev.airbag."));
    builder = OkHttpInstrumentation.extend(builder);
    builder = JdkHttpInstrumentation.extend(builder, instrumentation);
    if (exceptions) {
      builder = ExceptionInstrumentation.extend(builder, executors);
    }
    return builder.makeRaw();
  }
}
