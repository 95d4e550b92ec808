package dev.airbag.agent.instrument;

import dev.airbag.agent.engine.call.InternalErrorListener;
import dev.airbag.agent.instrument.apache4.ApacheClient4Module;
import dev.airbag.agent.instrument.apache5.ApacheClient5Module;
import dev.airbag.agent.instrument.apache5async.ApacheAsyncClient5Module;
import dev.airbag.agent.instrument.awssdk.AwsSdkModule;
import dev.airbag.agent.instrument.jdkhttp.JdkHttpModule;
import dev.airbag.agent.instrument.okhttp.OkHttpModule;
import dev.airbag.agent.instrument.reactornetty.ReactorNettyModule;
import dev.airbag.agent.instrument.uncaught.ExceptionCapture;
import dev.airbag.agent.instrument.uncaught.UncaughtModule;
import dev.airbag.agent.instrument.urlconnection.UrlConnectionModule;
import dev.airbag.agent.log.AgentLog;
import dev.airbag.bootstrap.BridgeHolder;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Installs every {@link InstrumentationModule}: binds their hooks to the bootstrap bridge, then registers their
 * advice. Advice only, so class formats never change and classes loaded before the agent (dynamic attach, JDK
 * classes) are retransformed. Byte Buddy is built lazily, the first time a hooked class loads ({@link LazyTransformer}
 * over {@link ByteBuddyHooks}); what is needed from the start is each module's {@code installEagerly}.
 */
public final class Instrumentations {
  /** Every instrumentation; a module's hook ids follow from its place here. Add a client with one line. */
  static final List<InstrumentationModule> MODULES = List.of(
      new OkHttpModule(),
      new JdkHttpModule(),
      new UrlConnectionModule(),
      new ApacheClient5Module(),
      new ApacheClient4Module(),
      new ApacheAsyncClient5Module(),
      new AwsSdkModule(),
      new ReactorNettyModule(),
      new UncaughtModule());

  // Advice is inlined, so Byte Buddy's nexus (for loaded type initializers) is never needed; left enabled, its
  // set-up reaches for sun.misc.Unsafe, which JDK 24+ warns about on the app's console. (Relocated with Byte Buddy.)
  private static final String NEXUS_DISABLED = "net.bytebuddy.nexus.disabled";

  private Instrumentations() {}

  /** @param exceptions the capture of unhandled exceptions, or null when that is off */
  public static void install(Instrumentation instrumentation, LlmTraffic traffic, ExceptionCapture exceptions,
      boolean executors) {
    if (System.getProperty(NEXUS_DISABLED) == null) {
      System.setProperty(NEXUS_DISABLED, "true");
    }
    Installed installed = Installed.of(MODULES, instrumentation, traffic, exceptions, executors);
    BridgeHolder.install(installed.bridge(traffic::internalError));
    for (int i = 0; i < installed.modules.size(); i++) {
      installed.modules.get(i).installEagerly(installed.contexts.get(i));
    }
    Set<String> targets = installed.targets();
    instrumentation.addTransformer(new LazyTransformer(targets,
        () -> ByteBuddyHooks.transformer(installed.modules, installed.contexts)), true);
    retransform(instrumentation, loaded(instrumentation, targets));
  }

  /** After a dynamic attach: the advice that covers what the app made before the agent arrived. */
  public static void installOnAttach(Instrumentation instrumentation) {
    Installed installed = Installed.of(MODULES, instrumentation, null, null, false);
    ByteBuddyHooks.installOnAttach(instrumentation, installed.modules, installed.contexts);
  }

  /** The enabled modules, each with its context (and so its hook ids), in the registry's order. */
  static final class Installed {
    final List<InstrumentationModule> modules = new ArrayList<>();
    final List<ModuleContext> contexts = new ArrayList<>();
    private final int size;

    private Installed(int size) {
      this.size = size;
    }

    static Installed of(List<InstrumentationModule> registry, Instrumentation instrumentation, LlmTraffic traffic,
        ExceptionCapture exceptions, boolean executors) {
      Installed installed = new Installed(registry.size() * ModuleContext.HOOKS_PER_MODULE);
      for (int i = 0; i < registry.size(); i++) {
        ModuleContext context = new ModuleContext(instrumentation, traffic, exceptions, executors,
            i * ModuleContext.HOOKS_PER_MODULE);
        if (registry.get(i).enabled(context)) {
          installed.modules.add(registry.get(i));
          installed.contexts.add(context);
        }
      }
      return installed;
    }

    /** Every enabled module's hooks at their ids, each module's made when one of them is first called. */
    HookTable bridge(InternalErrorListener errors) {
      return new HookTable(modules, contexts, size / ModuleContext.HOOKS_PER_MODULE, errors);
    }

    Set<String> targets() {
      Set<String> targets = new HashSet<>();
      for (int i = 0; i < modules.size(); i++) {
        targets.addAll(modules.get(i).targets(contexts.get(i)));
      }
      return targets;
    }
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
  static void retransform(Instrumentation instrumentation, List<Class<?>> classes) {
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
      AgentLog.logger().warn("could not instrument {} ({}); they run unprotected", loaded, failed.toString());
    }
  }
}
