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

import dev.airbag.bootstrap.BridgeHolder;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Sees exceptions nobody handled, with no code change (threads dying are {@link ThreadHook}'s):
 * {@code HttpServlet.service} of {@code javax.servlet} and {@code jakarta.servlet}, and, when asked for,
 * {@code FutureTask}s and {@code CompletableFuture} stages whose failure nobody reads. Advice only observes: the app's handlers run as before.
 */
public final class ExceptionInstrumentation {
  private ExceptionInstrumentation() {}

  /** The classes {@link #extend} hooks, as internal names; {@code Thread} is {@link ThreadHook}'s. */
  public static java.util.List<String> targets(boolean executors) {
    return executors
        ? java.util.List.of("javax/servlet/http/HttpServlet", "jakarta/servlet/http/HttpServlet",
            "java/util/concurrent/FutureTask", "java/util/concurrent/CompletableFuture")
        : java.util.List.of("javax/servlet/http/HttpServlet", "jakarta/servlet/http/HttpServlet");
  }

  /** Lets code inlined into java.base (Thread, the futures) call the bridge on the boot loader's unnamed module. */
  public static void openJavaBase(Instrumentation instrumentation) {
    instrumentation.redefineModule(Object.class.getModule(), Set.of(BridgeHolder.class.getModule()), Map.of(),
        Map.of(), Set.of(), Map.of());
  }

  public static AgentBuilder extend(AgentBuilder builder, boolean executors) {
    AgentBuilder extended = builder
        .type(namedOneOf("javax.servlet.http.HttpServlet", "jakarta.servlet.http.HttpServlet"))
        .transform((type, description, loader, module, domain) -> type.visit(
            Advice.to(ServletAdvice.class).on(named("service").and(takesArguments(2)).and(isPublic()))));
    if (!executors) {
      return extended;
    }
    return extended
        .type(named("java.util.concurrent.FutureTask"))
        .transform((type, description, loader, module, domain) -> type
            .visit(Advice.to(FutureFailedAdvice.class).on(named("setException").and(takesArguments(1))))
            .visit(Advice.to(FutureReadAdvice.class).on(named("report").and(takesArguments(1))
                .or(named("exceptionNow").and(takesArguments(0))))))
        .type(named("java.util.concurrent.CompletableFuture"))
        .transform((type, description, loader, module, domain) -> type
            // A stage fails through completeExceptionally (the app) or completeThrowable (async tasks, dependents).
            .visit(Advice.to(FutureFailedAdvice.class).on(namedOneOf("completeExceptionally", "completeThrowable")
                .and(takesArgument(0, Throwable.class)).and(not(isStatic()))))
            // Every other instance method reads the outcome or chains a stage that will: get, join, handle, ...
            .visit(Advice.to(FutureReadAdvice.class).on(isPublic().and(not(isStatic())).and(not(isConstructor()))
                .and(not(nameStartsWith("complete"))).and(not(nameStartsWith("obtrude")))
                .and(not(namedOneOf("toString", "isDone", "isCancelled", "getNumberOfDependents", "defaultExecutor",
                    "newIncompleteFuture", "hashCode", "equals", "state"))))));
  }

  /** Holds no logic; the throwable goes on to the container unchanged. */
  public static final class ServletAdvice {
    private ServletAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    public static void exit(@Advice.Argument(0) Object request, @Advice.Thrown Throwable error) {
      BridgeHolder.servletFailed(request, error);
    }
  }

  /** Holds no logic. */
  public static final class FutureFailedAdvice {
    private FutureFailedAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object future, @Advice.Argument(0) Throwable error) {
      BridgeHolder.futureFailed(future, error);
    }
  }

  /** Holds no logic. */
  public static final class FutureReadAdvice {
    private FutureReadAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@Advice.This Object future) {
      BridgeHolder.futureRead(future);
    }
  }
}
