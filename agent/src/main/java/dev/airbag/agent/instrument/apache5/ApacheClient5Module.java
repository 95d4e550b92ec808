package dev.airbag.agent.instrument.apache5;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache HttpClient 5, classic API (hand-written clients, Spring's {@code HttpComponentsClientHttpRequestFactory},
 * the AWS SDK's {@code apache5-client}). Hooks {@code HttpClientBuilder.build()}, through which {@code
 * HttpClients.createDefault()}, {@code createSystem()} and {@code custom()} all go, to add Airbag's exec chain handler
 * ({@link ApacheClient5Handlers}): the client's own handlers are its interceptors, and one may send a request more
 * than once. Not covered: {@code HttpClients.createMinimal()}, which has no chain, and clients built before a dynamic
 * attach. The async client is {@code apache5async}'s. Stateless.
 */
public final class ApacheClient5Module implements InstrumentationModule {
  static final String BUILDER = "org.apache.hc.client5.http.impl.classic.HttpClientBuilder";
  static final int CLIENT_BUILDING = 0;

  @Override
  public String name() {
    return "Apache HttpClient 5";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of(BUILDER.replace('.', '/'));
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    ApacheClient5Handlers handlers =
        new ApacheClient5Handlers(context.traffic(), ApacheClient5Module.class.getClassLoader());
    return List.of(Hook.observing("Apache HttpClient 5 builder", (builder, unused) -> handlers.addTo(builder)));
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    return builder
        .type(named(BUILDER))
        .transform((type, description, loader, module, domain) -> type.visit(
            context.advice(BuildAdvice.class, CLIENT_BUILDING).on(named("build").and(takesArguments(0)))));
  }
}
