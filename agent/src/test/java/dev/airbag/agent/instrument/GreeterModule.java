package dev.airbag.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.airbag.bootstrap.BridgeHolder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** A module in the shape every client takes, hooking {@link Greeter}; its handlers are the test's to set. */
final class GreeterModule implements InstrumentationModule {
  static final int GREET = 0;
  static final int WAVE = 1;

  final AtomicInteger greets = new AtomicInteger();
  final AtomicInteger waves = new AtomicInteger();
  private final Function<Object, Object> greet;
  private final boolean evenOnAirbagsOwnThreads;

  /** @param greet what the greet hook answers for a name (null: the original greets); may throw */
  GreeterModule(Function<Object, Object> greet, boolean evenOnAirbagsOwnThreads) {
    this.greet = greet;
    this.evenOnAirbagsOwnThreads = evenOnAirbagsOwnThreads;
  }

  @Override
  public String name() {
    return "greeter";
  }

  @Override
  public List<String> targets(ModuleContext context) {
    return List.of(Greeter.class.getName().replace('.', '/'));
  }

  @Override
  public List<Hook> hooks(ModuleContext context) {
    Hook greeting = Hook.replacing("greet", (self, name, unused, unused2) -> {
      greets.incrementAndGet();
      return greet.apply(name);
    });
    Hook waving = Hook.observing("wave", (self, unused) -> {
      waves.incrementAndGet();
      throw new IllegalStateException("a bug in the wave hook");
    });
    return evenOnAirbagsOwnThreads
        ? List.of(greeting.evenOnAirbagsOwnThreads(), waving.evenOnAirbagsOwnThreads())
        : List.of(greeting, waving);
  }

  @Override
  public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
    throw new UnsupportedOperationException("the test weaves with weave()");
  }

  /** Greeter with this module's advice, in a loader of its own: what Byte Buddy's transformer would make. */
  static Class<?> weave(ModuleContext context) {
    return new ByteBuddy().redefine(Greeter.class)
        .visit(context.advice(GreetAdvice.class, GREET).on(named("greet")))
        .visit(context.advice(WaveAdvice.class, WAVE).on(named("wave")))
        .make()
        .load(new ClassLoader(Greeter.class.getClassLoader()) {}, ClassLoadingStrategy.Default.CHILD_FIRST)
        .getLoaded();
  }

  public static final class GreetAdvice {
    private GreetAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    public static Object enter(@HookId int hook, @Advice.This Object self, @Advice.Argument(0) Object name) {
      return BridgeHolder.enter(hook, self, name, null, null);
    }

    @Advice.OnMethodExit
    public static void exit(@Advice.Enter Object replacement,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object greeting) {
      if (replacement != null) {
        greeting = replacement;
      }
    }
  }

  public static final class WaveAdvice {
    private WaveAdvice() {}

    @Advice.OnMethodEnter
    public static void enter(@HookId int hook, @Advice.This Object self) {
      BridgeHolder.observe(hook, self, null);
    }
  }
}
