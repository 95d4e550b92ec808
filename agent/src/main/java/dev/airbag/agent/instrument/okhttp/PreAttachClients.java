package dev.airbag.agent.instrument.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * After a dynamic attach, covers the OkHttp clients the app built before Airbag arrived: the client hook only
 * sees clients as they are built, so {@code newCall} is hooked too: a client without Airbag's interceptor makes its
 * calls through a copy ({@code newBuilder().build()}, which shares the pool, dispatcher and every setting and which
 * the build hook gives the interceptor). Installed on
 * attach only: under {@code -javaagent} every client is built after the hook and this would be pure cost.
 */
public final class PreAttachClients {
  private PreAttachClients() {}

  /** Holds no logic: the adapter next to the app's OkHttp decides (typed advice could not be resolved here). */
  public static final class NewCallAdvice {
    private NewCallAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@Advice.This Object client, @Advice.Argument(0) Object request) {
      return dev.airbag.bootstrap.BridgeHolder.okHttpNewCall(client, request);
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Enter Object replacement,
        @Advice.Return(readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC)
        Object call) {
      if (replacement != null) {
        call = replacement;
      }
    }
  }

  public static void install(Instrumentation instrumentation) {
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new dev.airbag.agent.instrument.FailureListener())
        .ignore(ElementMatchers.nameStartsWith("dev.airbag."))
        .type(named("okhttp3.OkHttpClient"))
        .transform((type, description, classLoader, module, protectionDomain) -> type.visit(
            Advice.to(NewCallAdvice.class).on(named("newCall")
                .and(takesArguments(1))
                .and(takesArgument(0, named("okhttp3.Request"))))))
        .installOn(instrumentation);
  }
}
