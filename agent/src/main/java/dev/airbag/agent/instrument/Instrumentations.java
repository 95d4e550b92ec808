package dev.airbag.agent.instrument;

import dev.airbag.agent.instrument.exceptions.ExceptionInstrumentation;
import dev.airbag.agent.instrument.jdkhttp.JdkHttpInstrumentation;
import dev.airbag.agent.instrument.okhttp.OkHttpInstrumentation;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Installs every instrumentation with one Byte Buddy agent builder. Retransformation lets classes that were
 * loaded before the agent (dynamic attach) be instrumented too; advice only, so class formats never change.
 */
public final class Instrumentations {
  private Instrumentations() {}

  // Advice is inlined, so Byte Buddy's nexus (for loaded type initializers) is never needed; left enabled, its
  // set-up reaches for sun.misc.Unsafe, which JDK 24+ warns about on the app's console. (Relocated with Byte Buddy.)
  private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

  public static void install(Instrumentation instrumentation, boolean exceptions, boolean executors) {
    if (System.getProperty(NEXUS_DISABLED) == null) {
      System.setProperty(NEXUS_DISABLED, "true");
    }
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
      builder = ExceptionInstrumentation.extend(builder, instrumentation, executors);
    }
    builder.installOn(instrumentation);
  }
}
