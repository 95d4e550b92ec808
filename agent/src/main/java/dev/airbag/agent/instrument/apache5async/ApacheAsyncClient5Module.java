package dev.airbag.agent.instrument.apache5async;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache HttpClient 5, async API (hand-written {@code CloseableHttpAsyncClient}s, Spring's
 * {@code HttpComponentsClientHttpConnector}). Hooks {@code HttpAsyncClientBuilder.build()}, through which {@code
 * HttpAsyncClients.createDefault()}, {@code createSystem()} and {@code custom()} all go, to add Airbag's async exec
 * chain handler ({@link ApacheAsyncClient5Handlers}), which drives the engine without blocking. Not covered: the
 * minimal and HTTP/2-only clients ({@code createMinimal()}, {@code createHttp2Default()}), which have other builders,
 * and clients built before a dynamic attach. Stateless.
 */
public final class ApacheAsyncClient5Module implements InstrumentationModule {
  static final String BUILDER = "org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder";
  static final int CLIENT_BUILDING = 0;

  @Override
  public String name() {
    return "Apache HttpClient 5 async";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of(BUILDER.replace('.', '/'));
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    ApacheAsyncClient5Handlers handlers =
        new ApacheAsyncClient5Handlers(context.traffic(), ApacheAsyncClient5Module.class.getClassLoader());
    return List.of(Hook.observing("Apache HttpClient 5 async builder", (builder, unused) -> handlers.addTo(builder)));
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    return builder
        .type(named(BUILDER))
        .transform((type, description, loader, module, domain) -> type.visit(
            context.advice(AsyncBuildAdvice.class, CLIENT_BUILDING).on(named("build").and(takesArguments(0)))));
  }
}
