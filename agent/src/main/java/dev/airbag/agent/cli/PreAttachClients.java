package dev.airbag.agent.cli;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * After a dynamic attach, covers the OkHttp clients the app built before Airbag arrived: the client hook only
 * sees clients as they are built, so {@code newCall} is hooked too ({@link OkHttpNewCallAdvice}). Installed on
 * attach only: under {@code -javaagent} every client is built after the hook and this would be pure cost.
 */
public final class PreAttachClients {
  private PreAttachClients() {}

  public static void install(Instrumentation instrumentation) {
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new TransformFailureLine())
        .ignore(ElementMatchers.nameStartsWith("dev.airbag."))
        .type(named("okhttp3.OkHttpClient"))
        .transform((type, description, classLoader, module, protectionDomain) -> type.visit(
            Advice.to(OkHttpNewCallAdvice.class).on(named("newCall")
                .and(takesArguments(1))
                .and(takesArgument(0, named("okhttp3.Request"))))))
        .installOn(instrumentation);
  }
}
