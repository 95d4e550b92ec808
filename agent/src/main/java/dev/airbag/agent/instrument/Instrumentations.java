package dev.airbag.agent.instrument;

import dev.airbag.agent.instrument.exceptions.ExceptionInstrumentation;
import dev.airbag.agent.instrument.exceptions.ThreadHook;
import dev.airbag.agent.instrument.jdkhttp.JdkHttpInstrumentation;
import dev.airbag.agent.instrument.okhttp.OkHttpInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.LoggerFactory;

/**
 * Installs every instrumentation. Advice only, so class formats never change and classes loaded before the agent
 * (dynamic attach, JDK classes) are retransformed. Byte Buddy is built lazily, the first time a hooked class loads
 * ({@link LazyTransformer}); the one hook needed from the start, on {@code Thread}, is plain ASM ({@link ThreadHook}).
 */
public final class Instrumentations {
  private Instrumentations() {}

  // Advice is inlined, so Byte Buddy's nexus (for loaded type initializers) is never needed; left enabled, its
  // set-up reaches for sun.misc.Unsafe, which JDK 24+ warns about on the app's console. (Relocated with Byte Buddy.)
  private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";
  private static final List<String> HTTP_TARGETS = List.of("okhttp3/OkHttpClient",
      "jdk/internal/net/http/HttpClientFacade");

  public static void install(Instrumentation instrumentation, boolean exceptions, boolean executors) {
    if (System.getProperty(NEXUS_DISABLED) == null) {
      System.setProperty(NEXUS_DISABLED, "true");
    }
    Set<String> targets = new HashSet<>(HTTP_TARGETS);
    if (exceptions) {
      targets.addAll(ExceptionInstrumentation.targets(executors));
      ExceptionInstrumentation.openJavaBase(instrumentation);
      ThreadHook threads = new ThreadHook();
      instrumentation.addTransformer(threads, true);
      retransform(instrumentation, Set.of("java/lang/Thread"));
    }
    instrumentation.addTransformer(new LazyTransformer(targets,
        () -> byteBuddy(instrumentation, exceptions, executors)), true);
    retransform(instrumentation, targets);
  }

  private static ClassFileTransformer byteBuddy(Instrumentation instrumentation, boolean exceptions,
      boolean executors) {
    AgentBuilder builder = new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new FailureListener())
        // Airbag's own classes, relocated libraries included, are never instrumented.
        .ignore(ElementMatchers.nameStartsWith("dev.airbag."));
    builder = OkHttpInstrumentation.extend(builder);
    builder = JdkHttpInstrumentation.extend(builder, instrumentation);
    if (exceptions) {
      builder = ExceptionInstrumentation.extend(builder, executors);
    }
    return builder.makeRaw();
  }

  /** Classes already loaded (an attach, or the JDK's own early use) get the hooks through retransformation. */
  private static void retransform(Instrumentation instrumentation, Set<String> internalNames) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (internalNames.contains(type.getName().replace('.', '/')) && instrumentation.isModifiableClass(type)) {
        loaded.add(type);
      }
    }
    if (loaded.isEmpty()) {
      return;
    }
    try {
      instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
    } catch (UnmodifiableClassException | RuntimeException | LinkageError failed) {
      LoggerFactory.getLogger("airbag").warn("could not instrument {} ({}); they run unprotected", loaded, failed.toString());
    }
  }
}
