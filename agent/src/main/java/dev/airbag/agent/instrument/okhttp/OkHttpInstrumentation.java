package dev.airbag.agent.instrument.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Hooks {@code OkHttpClient(Builder)}, the constructor every client of OkHttp 3, 4 and 5 goes through (the
 * no-argument constructor and {@code Builder.build()} both delegate to it), so that every client the app or an
 * SDK builds carries Airbag's application interceptor.
 */
public final class OkHttpInstrumentation {
  private OkHttpInstrumentation() {}

  public static AgentBuilder extend(AgentBuilder builder) {
    return builder
        .type(named("okhttp3.OkHttpClient"))
        .transform((type, description, classLoader, module, protectionDomain) -> type.visit(
            Advice.to(OkHttpClientAdvice.class).on(isConstructor()
                .and(takesArguments(1))
                .and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))))));
  }
}
