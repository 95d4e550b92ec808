package dev.airbag.agent.instrument.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.HookResultExit;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import dev.airbag.bootstrap.BridgeHolder;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's {@code java.net.http}: hooks {@code send} and {@code sendAsync} of its {@code HttpClient} implementation
 * (the facade every {@code HttpClient.newHttpClient()} and builder returns), so that LangChain4j, Spring's JDK client
 * and plain {@code java.net.http} calls to LLM endpoints get the same protection as OkHttp calls. The hooks are
 * {@link JdkHttpHook}'s, the exchange onto the engine {@link JdkExchange}. Stateless.
 */
public final class JdkHttpModule implements InstrumentationModule {
  static final String FACADE = "jdk.internal.net.http.HttpClientFacade";
  static final int SEND = 0;
  static final int SEND_ASYNC = 1;

  @Override
  public String name() {
    return "java.net.http";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of(FACADE.replace('.', '/'));
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    JdkHttpHook hook = new JdkHttpHook(context.traffic());
    return List.of(
        Hook.replacing("java.net.http send", (client, request, handler, unused) -> hook.send(client, request, handler)),
        Hook.replacing("java.net.http sendAsync", (client, request, handler, unused) -> hook.sendAsync(client, request, handler)));
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    // Advice inlined into java.net.http calls the bridge on the boot loader: the named module must read it.
    Module javaNetHttp = HttpClient.class.getModule();
    Module bootstrap = BridgeHolder.class.getModule();
    context.instrumentation().redefineModule(javaNetHttp, Set.of(bootstrap), Map.of(), Map.of(), Set.of(), Map.of());
    return builder
        .type(named(FACADE))
        .transform((type, description, classLoader, module, protectionDomain) -> type
            .visit(context.advice(JdkHttpAdvice.Enter.class, HookResultExit.class, SEND)
                .on(named("send").and(takesArguments(2)).and(isPublic())))
            // Both: the facade hands the two-argument sendAsync to the implementation, not to the other.
            .visit(context.advice(JdkHttpAdvice.Enter.class, JdkHttpAdvice.FutureExit.class, SEND_ASYNC)
                .on(named("sendAsync").and(takesArguments(2).or(takesArguments(3))).and(isPublic()))));
  }
}
