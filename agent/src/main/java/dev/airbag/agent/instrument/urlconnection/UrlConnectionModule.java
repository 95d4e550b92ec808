package dev.airbag.agent.instrument.urlconnection;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.HookResultExit;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import dev.airbag.bootstrap.BridgeHolder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's {@code HttpURLConnection} (Spring's {@code RestTemplate} on its default factory, hand-written clients,
 * older SDKs): hooks its implementation, which {@code https} connections delegate to as well — the request headers
 * the app sets, its connect and body stream (and what the JDK's own {@code getOutputStream} gave), and the methods
 * through which it reads the response. One hook,
 * {@link UrlConnectionHook}, told which method in its first argument; a null answer runs the method untouched.
 * Stateless.
 */
public final class UrlConnectionModule implements InstrumentationModule {
  static final String TARGET = "sun.net.www.protocol.http.HttpURLConnection";
  static final int CONNECTION = 0;

  @Override
  public String name() {
    return "HttpURLConnection";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of(TARGET.replace('.', '/'));
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    UrlConnectionHook hook = new UrlConnectionHook(context.traffic());
    return List.of(Hook.replacing("HttpURLConnection",
        (connection, method, argument, value) -> hook.on((String) method, connection, argument, value)));
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    Module javaBase = Object.class.getModule();
    // Advice inlined into java.base calls the bridge on the boot loader; the agent reads the proxy and the https
    // settings an attempt must copy (ConnectionSettings).
    Module agent = UrlConnectionModule.class.getModule();
    context.instrumentation().redefineModule(javaBase, Set.of(BridgeHolder.class.getModule()), Map.of(),
        Map.of("sun.net.www.protocol.http", Set.of(agent), "sun.net.www.protocol.https", Set.of(agent)),
        Set.of(), Map.of());
    return builder
        .type(named(TARGET))
        .transform((type, description, loader, module, domain) -> type
            .visit(context.advice(UrlConnectionAdvice.Header.class, CONNECTION)
                .on(namedOneOf("setRequestProperty", "addRequestProperty").and(takesArguments(2)).and(isPublic())))
            .visit(context.advice(UrlConnectionAdvice.Disconnect.class, CONNECTION)
                .on(named("disconnect").and(takesArguments(0))))
            // Void: skipped when the hook answers, with no value to give back.
            .visit(context.advice(UrlConnectionAdvice.Replace.class, CONNECTION)
                .on(named("connect").and(takesArguments(0)).and(isPublic())))
            .visit(context.advice(UrlConnectionAdvice.Replace.class, UrlConnectionAdvice.OpenedOutput.class, CONNECTION)
                .on(named("getOutputStream").and(takesArguments(0)).and(isPublic())))
            .visit(context.advice(UrlConnectionAdvice.Replace.class, HookResultExit.class, CONNECTION)
                .on(namedOneOf("getInputStream", "getErrorStream", "getHeaderFields")
                    .and(takesArguments(0)).and(isPublic())))
            .visit(context.advice(UrlConnectionAdvice.ReplaceOneArgument.class, HookResultExit.class,
                CONNECTION).on(namedOneOf("getHeaderField", "getHeaderFieldKey").and(takesArguments(1))
                    .and(isPublic()))));
  }
}
