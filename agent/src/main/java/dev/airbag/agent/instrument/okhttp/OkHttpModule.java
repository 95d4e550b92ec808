package dev.airbag.agent.instrument.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * OkHttp 3, 4 and 5. Hooks {@code OkHttpClient(Builder)}, the constructor every client goes through (the
 * no-argument constructor and {@code Builder.build()} both delegate to it), so that every client the app or an SDK
 * builds carries Airbag's application interceptor ({@link OkHttpInterceptors}, whose adapter is the exchange onto
 * the engine). After a dynamic attach, {@code newCall} too: the build hook only sees clients as they are built, so a
 * client built before the attach makes its calls through a copy ({@code newBuilder().build()}, which shares the pool,
 * dispatcher and every setting, and which the build hook gives the interceptor). Not under {@code -javaagent},
 * where every client is built after the hook and it would be pure cost. Stateless.
 */
public final class OkHttpModule implements InstrumentationModule {
  static final int CLIENT_BUILDING = 0;
  static final int NEW_CALL = 1;

  @Override
  public String name() {
    return "okhttp";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of("okhttp3/OkHttpClient");
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    OkHttpInterceptors interceptors = new OkHttpInterceptors(context.traffic(), OkHttpModule.class.getClassLoader());
    return List.of(
        Hook.observing("OkHttp client", (builder, unused) -> interceptors.addTo(builder)),
        Hook.replacing("OkHttp newCall", (client, request, unused, unused2) -> interceptors.newCall(client, request)));
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    return builder
        .type(named("okhttp3.OkHttpClient"))
        .transform((type, description, classLoader, module, protectionDomain) -> type.visit(
            context.advice(OkHttpClientAdvice.class, CLIENT_BUILDING).on(isConstructor()
                .and(takesArguments(1))
                .and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))))));
  }

  @Override
  public AgentBuilder extendOnAttach(AgentBuilder builder, ModuleContext context) {
    return builder
        .type(named("okhttp3.OkHttpClient"))
        .transform((type, description, classLoader, module, protectionDomain) -> type.visit(
            context.advice(NewCallAdvice.class, NEW_CALL).on(named("newCall")
                .and(takesArguments(1))
                .and(takesArgument(0, named("okhttp3.Request"))))));
  }
}
