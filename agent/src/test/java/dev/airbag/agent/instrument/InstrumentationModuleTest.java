package dev.airbag.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.bootstrap.Bridge;
import dev.airbag.bootstrap.BridgeHolder;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InstrumentationModuleTest {
  private final List<String> failures = new ArrayList<>();
  private Bridge previous;

  @BeforeEach
  void keepTheBridge() {
    previous = BridgeHolder.get();
  }

  @AfterEach
  void restoreTheBridge() {
    BridgeHolder.install(previous);
  }

  /** The module installed as the agent installs its modules (one registry, one table, one bridge). */
  private Object installed(GreeterModule module) throws ReflectiveOperationException {
    Instrumentations.Installed installed = Instrumentations.Installed.of(List.of(module), null, null, null, false);
    BridgeHolder.install(installed.bridge((where, error) -> failures.add(where + ": " + error.getMessage())));
    return GreeterModule.weave(installed.contexts.get(0)).getConstructor().newInstance();
  }

  private static Object greet(Object greeter, String name) throws ReflectiveOperationException {
    return greeter.getClass().getMethod("greet", String.class).invoke(greeter, name);
  }

  private static int wave(Object greeter) throws ReflectiveOperationException {
    greeter.getClass().getMethod("wave").invoke(greeter);
    return greeter.getClass().getField("waves").getInt(greeter);
  }

  /** Runs {@code work} as Airbag's exporter or AI labeller runs theirs. */
  private static Object onAirbagsOwnThread(Callable<Object> work) throws Exception {
    ReentrancyGuard.enter();
    try {
      return work.call();
    } finally {
      ReentrancyGuard.exit();
    }
  }

  @Test
  void aReplacingHookAnswersInsteadOfTheOriginal() throws Exception {
    Object greeter = installed(new GreeterModule(name -> "replaced for " + name, false));

    assertEquals("replaced for ada", greet(greeter, "ada"));
  }

  @Test
  void aHookThatAnswersNullLetsTheOriginalRun() throws Exception {
    GreeterModule module = new GreeterModule(name -> null, false);
    Object greeter = installed(module);

    assertEquals("hello ada", greet(greeter, "ada"));
    assertEquals(1, module.greets.get());
  }

  @Test
  void aHookThatFailsReachesHookFailedOnceAndTheOriginalRuns() throws Exception {
    Function<Object, Object> buggy = name -> {
      throw new IllegalStateException("a bug in the greet hook");
    };
    GreeterModule module = new GreeterModule(buggy, false);
    Object greeter = installed(module);

    assertEquals("hello ada", greet(greeter, "ada"));
    assertEquals(1, wave(greeter), "the observed method still runs its own body");

    assertEquals(List.of("the greet hook: a bug in the greet hook", "the wave hook: a bug in the wave hook"),
        failures);
  }

  @Test
  void withNoBridgeInstalledTheHooksDoNothing() throws Exception {
    GreeterModule module = new GreeterModule(name -> "replaced", false);
    Object greeter = installed(module);
    BridgeHolder.install(null);

    assertEquals("hello ada", greet(greeter, "ada"));
    assertEquals(1, wave(greeter));

    assertEquals(0, module.greets.get() + module.waves.get());
    assertEquals(List.of(), failures);
  }

  @Test
  void airbagsOwnWorkPassesTheHooksUntouched() throws Exception {
    GreeterModule module = new GreeterModule(name -> "replaced", false);
    Object greeter = installed(module);

    assertEquals("hello ada", onAirbagsOwnThread(() -> greet(greeter, "ada")));
    onAirbagsOwnThread(() -> wave(greeter));

    assertEquals(0, module.greets.get() + module.waves.get());
  }

  @Test
  void aHookMayAskToSeeAirbagsOwnWorkToo() throws Exception {
    GreeterModule module = new GreeterModule(name -> "replaced", true);
    Object greeter = installed(module);

    assertEquals("replaced", onAirbagsOwnThread(() -> greet(greeter, "ada")));
  }

  @Test
  void everyRegisteredModuleHasANameOfItsOwnAndFitsItsRangeOfIds() {
    Set<String> names = new HashSet<>();
    for (InstrumentationModule module : Instrumentations.MODULES) {
      assertTrue(names.add(module.name()), module.name());
      ModuleContext context = new ModuleContext(null, null, null, true, 0);
      List<Hook> hooks = module.hooks(context);
      assertTrue(hooks.size() <= ModuleContext.HOOKS_PER_MODULE, module.name() + " has " + hooks.size() + " hooks");
      assertTrue(!module.targets(context).isEmpty(), module.name() + " names the types it hooks");
    }
  }
}
