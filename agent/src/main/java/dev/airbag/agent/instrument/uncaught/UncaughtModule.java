package dev.airbag.agent.instrument.uncaught;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.airbag.agent.instrument.Hook;
import dev.airbag.agent.instrument.InstrumentationModule;
import dev.airbag.agent.instrument.ModuleContext;
import dev.airbag.agent.log.AgentLog;
import dev.airbag.bootstrap.BridgeHolder;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Sees exceptions nobody handled, with no code change: threads dying ({@link ThreadHook}, a direct edit of
 * {@code Thread} made at start-up), {@code HttpServlet.service} of {@code javax.servlet} and {@code jakarta.servlet},
 * and, when asked for, {@code FutureTask}s and {@code CompletableFuture} stages whose failure nobody reads. Hooks
 * only observe: the app's handlers run as before. On when airbag.exceptions.enabled is. Stateless.
 */
public final class UncaughtModule implements InstrumentationModule {
  static final int THREAD_DIED = 0;
  static final int SERVLET_FAILED = 1;
  static final int FUTURE_FAILED = 2;
  static final int FUTURE_READ = 3;

  @Override
  public String name() {
    return "uncaught exceptions";
  }

  @Override
  public boolean enabled(ModuleContext context) {
    return context.exceptions() != null;
  }

  /** {@code Thread} is not among them: it is {@link ThreadHook}'s. */
  @Override
  public List<String> targets(ModuleContext context) {
    return context.executors()
        ? List.of("javax/servlet/http/HttpServlet", "jakarta/servlet/http/HttpServlet",
            "java/util/concurrent/FutureTask", "java/util/concurrent/CompletableFuture")
        : List.of("javax/servlet/http/HttpServlet", "jakarta/servlet/http/HttpServlet");
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    ExceptionCapture capture = context.exceptions();
    return List.of(
        Hook.observing("uncaughtException", (thread, error) -> capture.uncaught((Thread) thread, (Throwable) error)),
        Hook.observing("servletFailed", (request, error) -> capture.servletFailed(request, (Throwable) error)),
        Hook.observing("futureFailed", (future, error) -> capture.futureFailed(future, (Throwable) error)),
        // A future failed on an app thread may be read by Airbag's own (the AI labeller's HTTP calls): still read.
        Hook.observing("futureRead", (future, unused) -> capture.futureRead(future)).evenOnAirbagsOwnThreads());
  }

  /** Thread is loaded long before any agent, so its edit is made now, not when a target first loads. */
  @Override
  public void installEagerly(ModuleContext context) {
    Instrumentation instrumentation = context.instrumentation();
    // Code inlined into java.base (Thread, the futures) calls the bridge on the boot loader's unnamed module.
    instrumentation.redefineModule(Object.class.getModule(), Set.of(BridgeHolder.class.getModule()), Map.of(),
        Map.of(), Set.of(), Map.of());
    ThreadHook threadHook = new ThreadHook(context.hookId(THREAD_DIED));
    instrumentation.addTransformer(threadHook, true);
    context.retransform(List.of(Thread.class));
    if (threadHook.unknownShape()) {
      AgentLog.logger().warn("exceptions that end a thread are not captured on Java {}: its"
          + " Thread.dispatchUncaughtException has a shape Airbag does not know; the other captures stay on",
          System.getProperty("java.version"));
    }
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    AgentBuilder extended = builder
        .type(namedOneOf("javax.servlet.http.HttpServlet", "jakarta.servlet.http.HttpServlet"))
        .transform((type, description, loader, module, domain) -> type.visit(
            context.advice(ExceptionAdvice.ServletFailed.class, SERVLET_FAILED)
                .on(named("service").and(takesArguments(2)).and(isPublic()))));
    if (!context.executors()) {
      return extended;
    }
    return extended
        .type(named("java.util.concurrent.FutureTask"))
        .transform((type, description, loader, module, domain) -> type
            .visit(context.advice(ExceptionAdvice.FutureFailed.class, FUTURE_FAILED)
                .on(named("setException").and(takesArguments(1))))
            .visit(context.advice(ExceptionAdvice.FutureRead.class, FUTURE_READ)
                .on(named("report").and(takesArguments(1)).or(named("exceptionNow").and(takesArguments(0))))))
        .type(named("java.util.concurrent.CompletableFuture"))
        .transform((type, description, loader, module, domain) -> type
            // A stage fails through completeExceptionally (the app) or completeThrowable (async tasks, dependents).
            .visit(context.advice(ExceptionAdvice.FutureFailed.class, FUTURE_FAILED)
                .on(namedOneOf("completeExceptionally", "completeThrowable")
                    .and(takesArgument(0, Throwable.class)).and(not(isStatic()))))
            // Every other instance method reads the outcome or chains a stage that will: get, join, handle, ...
            .visit(context.advice(ExceptionAdvice.FutureRead.class, FUTURE_READ)
                .on(isPublic().and(not(isStatic())).and(not(isConstructor()))
                    .and(not(nameStartsWith("complete"))).and(not(nameStartsWith("obtrude")))
                    .and(not(namedOneOf("toString", "isDone", "isCancelled", "getNumberOfDependents",
                        "defaultExecutor", "newIncompleteFuture", "hashCode", "equals", "state"))))));
  }
}
