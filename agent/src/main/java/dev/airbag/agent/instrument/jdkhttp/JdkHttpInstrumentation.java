package dev.airbag.agent.instrument.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.bootstrap.BridgeHolder;
import java.lang.instrument.Instrumentation;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Hooks {@code send} and {@code sendAsync} of the JDK's {@code HttpClient} implementation (the facade every
 * {@code HttpClient.newHttpClient()} and builder returns), so that LangChain4j, Spring's JDK client and plain
 * {@code java.net.http} calls to LLM endpoints get the same protection as OkHttp calls.
 */
public final class JdkHttpInstrumentation {
  static final String FACADE = "jdk.internal.net.http.HttpClientFacade";

  private JdkHttpInstrumentation() {}

  public static AgentBuilder extend(AgentBuilder builder, Instrumentation instrumentation) {
    // Advice inlined into java.net.http calls the bridge on the boot loader: the named module must read it.
    Module javaNetHttp = HttpClient.class.getModule();
    Module bootstrap = BridgeHolder.class.getModule();
    instrumentation.redefineModule(javaNetHttp, Set.of(bootstrap), Map.of(), Map.of(), Set.of(), Map.of());
    return builder
        .type(named(FACADE))
        .transform((type, description, classLoader, module, protectionDomain) -> type
            .visit(Advice.to(SendAdvice.class).on(named("send").and(takesArguments(2)).and(isPublic())))
            .visit(Advice.to(SendAsyncAdvice.class).on(named("sendAsync").and(takesArguments(3)).and(isPublic())))
            .visit(Advice.to(SendAsyncTwoArgumentAdvice.class)
                .on(named("sendAsync").and(takesArguments(2)).and(isPublic()))));
  }

  /** Replaces {@code send} when the bridge answers; holds no logic. */
  public static final class SendAdvice {
    private SendAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@Advice.This Object client, @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object handler) {
      return BridgeHolder.jdkHttpSend(client, request, handler);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object hooked,
        @Advice.Return(readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (hooked != null) {
        dev.airbag.bootstrap.HookResult result = (dev.airbag.bootstrap.HookResult) hooked;
        if (result.failure() != null) {
          thrown = result.failure();
        } else {
          returned = result.value();
          thrown = null;
        }
      }
    }
  }

  /** Replaces the two-argument {@code sendAsync} (the facade hands it to the implementation, not to the other). */
  public static final class SendAsyncTwoArgumentAdvice {
    private SendAsyncTwoArgumentAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@Advice.This Object client, @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object handler) {
      return BridgeHolder.jdkHttpSendAsync(client, request, handler, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object hooked,
        @Advice.Return(readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (hooked != null) {
        returned = hooked;
        thrown = null;
      }
    }
  }

  /** Replaces the three-argument {@code sendAsync}. */
  public static final class SendAsyncAdvice {
    private SendAsyncAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@Advice.This Object client, @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object handler, @Advice.Argument(2) Object pushPromiseHandler) {
      return BridgeHolder.jdkHttpSendAsync(client, request, handler, pushPromiseHandler);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object hooked,
        @Advice.Return(readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object returned,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      if (hooked != null) {
        returned = hooked;
        thrown = null;
      }
    }
  }
}
