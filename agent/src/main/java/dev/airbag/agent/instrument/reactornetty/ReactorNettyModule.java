package dev.airbag.agent.instrument.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Reactor Netty's {@code HttpClient} (Spring's {@code WebClient} and {@code ReactorClientHttpRequestFactory}, the Azure
 * SDK's Netty client, hand-written reactive clients). Hooks {@code HttpClientConnect.connect()}, the cold {@code Mono}
 * through which every {@code response*()} of a request goes, to hand a call to an LLM endpoint to {@link
 * ReactorNettyCalls}, whose adapter runs each attempt as a subscription to the client's own connect. Not covered: a
 * URI given as a {@code Mono} (known only when the request is sent) and websockets. Stateless.
 */
public final class ReactorNettyModule implements InstrumentationModule {
  static final String CONNECT = "reactor.netty.http.client.HttpClientConnect";
  static final int CONNECTING = 0;

  @Override
  public String name() {
    return "Reactor Netty";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of(CONNECT.replace('.', '/'));
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    ReactorNettyCalls calls = new ReactorNettyCalls(context.traffic(), ReactorNettyModule.class.getClassLoader());
    return List.of(
        Hook.replacing("Reactor Netty connect", (client, unused, unused2, unused3) -> calls.connect(client)));
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    return builder
        .type(named(CONNECT))
        .transform((type, description, loader, module, domain) -> type.visit(
            context.advice(ConnectAdvice.class, CONNECTING).on(named("connect").and(takesArguments(0)))));
  }
}
