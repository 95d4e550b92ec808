package dev.airbag.agent.instrument.apache4;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache HttpClient 4.5 (the AWS SDK's default client, older SDKs, Spring's {@code HttpComponentsClientHttpRequest
 * Factory} before Spring 6). Hooks {@code HttpClientBuilder.decorateProtocolExec}, the builder's own place for a
 * handler around the protocol stage, to wrap what it returns in Airbag's ({@link ApacheClient4Chains}): inside the
 * client's retry and redirect stages, outside the one that adds each send's headers. Every client {@code build()}
 * makes goes through it; not {@code HttpClients.createMinimal()}, nor clients built before a dynamic attach.
 * Stateless.
 */
public final class ApacheClient4Module implements InstrumentationModule {
  static final String BUILDER = "org.apache.http.impl.client.HttpClientBuilder";
  static final int PROTOCOL_STAGE = 0;

  @Override
  public String name() {
    return "Apache HttpClient 4";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of(BUILDER.replace('.', '/'));
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    ApacheClient4Chains chains = new ApacheClient4Chains(context.traffic(), ApacheClient4Module.class.getClassLoader());
    return List.of(Hook.replacing("Apache HttpClient 4 builder",
        (builder, stage, unused, unused2) -> chains.wrap(builder, stage)));
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    return builder
        .type(named(BUILDER))
        .transform((type, description, loader, module, domain) -> type.visit(
            context.advice(DecorateProtocolExecAdvice.class, PROTOCOL_STAGE)
                .on(named("decorateProtocolExec").and(takesArguments(1)))));
  }
}
