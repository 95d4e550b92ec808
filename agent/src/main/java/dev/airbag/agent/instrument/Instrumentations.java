package dev.airbag.agent.instrument;

import dev.airbag.agent.instrument.uncaught.ExceptionInstrumentation;
import dev.airbag.agent.instrument.uncaught.ThreadHook;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Installs every instrumentation. Advice only, so class formats never change and classes loaded before the agent
 * (dynamic attach, JDK classes) are retransformed. Byte Buddy is built lazily, the first time a hooked class loads
 * ({@link LazyTransformer} over {@link ByteBuddyHooks}); the one hook needed from the start, on {@code Thread}, is
 * plain ASM ({@link ThreadHook}).
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
      ThreadHook threadHook = new ThreadHook();
      instrumentation.addTransformer(threadHook, true);
      // Thread is loaded long before any agent: no need to search the loaded classes for it.
      retransform(instrumentation, List.of(Thread.class));
      if (threadHook.unknownShape()) {
        LoggerFactory.getLogger("airbag").warn("exceptions that end a thread are not captured on Java {}: its"
            + " Thread.dispatchUncaughtException has a shape Airbag does not know; the other captures stay on",
            System.getProperty("java.version"));
      }
    }
    instrumentation.addTransformer(new LazyTransformer(targets,
        () -> ByteBuddyHooks.transformer(instrumentation, exceptions, executors)), true);
    retransform(instrumentation, loaded(instrumentation, targets));
  }

  /** The classes of these internal names loaded already (an attach, or the JDK's own early use). */
  private static List<Class<?>> loaded(Instrumentation instrumentation, Set<String> internalNames) {
    Set<String> names = new HashSet<>();
    for (String internalName : internalNames) {
      names.add(internalName.replace('/', '.'));
    }
    List<Class<?>> loaded = new ArrayList<>();
    // Compared by binary name: this loop meets every loaded class, so it allocates nothing per class.
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (names.contains(type.getName())) {
        loaded.add(type);
      }
    }
    return loaded;
  }

  /** Classes already loaded get the hooks through retransformation; the unmodifiable ones stay as they are. */
  private static void retransform(Instrumentation instrumentation, List<Class<?>> classes) {
    List<Class<?>> loaded = new ArrayList<>();
    for (Class<?> type : classes) {
      if (instrumentation.isModifiableClass(type)) {
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
