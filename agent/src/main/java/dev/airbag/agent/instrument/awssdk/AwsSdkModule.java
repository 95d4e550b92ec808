package dev.airbag.agent.instrument.awssdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.AdapterPackage;
import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The AWS SDK for Java 2.x, above its HTTP client: the SDK signs each request over its path, so a Bedrock call can
 * only change model before it is signed. Adds Airbag's execution interceptor to the SDK's global interceptors (what
 * {@code ClasspathInterceptorChainFactory.getGlobalInterceptors()} returns to every client it builds, as tracing
 * integrations register theirs), which sends a call whose model's circuit is open to the next model of its
 * fallback chain ({@link AwsSdkInterceptors}); and hooks the signing of each attempt ({@code SigningStage}), where
 * the SDK's own last attempts of a failing call go down the chain ({@link AwsSdkSigning}). On the synchronous clients
 * the HTTP client's own hook (Apache HttpClient) sees every attempt; on the asynchronous ones (Netty, CRT), which
 * Airbag does not hook, the interceptor watches each attempt for the circuits, the metrics and the events. Stateless.
 */
public final class AwsSdkModule implements InstrumentationModule {
  static final String FACTORY = "software.amazon.awssdk.core.interceptor.ClasspathInterceptorChainFactory";
  static final String SIGNING_STAGE = "software.amazon.awssdk.core.internal.http.pipeline.stages.SigningStage";
  static final String ASYNC_SIGNING_STAGE =
      "software.amazon.awssdk.core.internal.http.pipeline.stages.AsyncSigningStage";
  static final int GLOBAL_INTERCEPTORS = 0;
  static final int SIGNING = 1;

  @Override
  public String name() {
    return "AWS SDK";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of(FACTORY.replace('.', '/'), SIGNING_STAGE.replace('.', '/'), ASYNC_SIGNING_STAGE.replace('.', '/'));
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    // One package for both adapters: the signing hook reads what the interceptor keeps, in the same loader.
    AdapterPackage adapters = new AdapterPackage("dev.airbag.agent.instrument.awssdk.adapter",
        AwsSdkModule.class.getClassLoader(), context.traffic());
    AwsSdkInterceptors interceptors = new AwsSdkInterceptors(context.traffic(), adapters);
    AwsSdkSigning signing = new AwsSdkSigning(context.traffic(), adapters);
    return List.of(
        Hook.replacing("AWS SDK interceptors", (factory, list, unused, unused2) -> interceptors.withAirbags(factory, list)),
        Hook.replacing("AWS SDK signing", (stage, request, requestContext, unused) ->
            signing.instead(stage, request, requestContext)));
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    return builder
        .type(named(FACTORY))
        .transform((type, description, loader, module, domain) -> type.visit(
            context.advice(GlobalInterceptorsAdvice.class, GLOBAL_INTERCEPTORS)
                .on(named("getGlobalInterceptors").and(takesArguments(0)))))
        // The synchronous clients' stage and the asynchronous ones' (Netty), the same signature.
        .type(named(SIGNING_STAGE).or(named(ASYNC_SIGNING_STAGE)))
        .transform((type, description, loader, module, domain) -> type.visit(
            context.advice(SigningStageAdvice.class, SIGNING)
                .on(named("execute").and(takesArguments(2))
                    .and(takesArgument(0, named("software.amazon.awssdk.http.SdkHttpFullRequest"))))));
  }
}
