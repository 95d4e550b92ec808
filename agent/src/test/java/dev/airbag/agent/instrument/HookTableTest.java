package dev.airbag.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.bytebuddy.agent.builder.AgentBuilder;
import org.junit.jupiter.api.Test;

class HookTableTest {
  private final List<String> failures = new ArrayList<>();

  /** A module whose hooks are made by {@code maker}, counted. */
  private static final class CountedModule implements InstrumentationModule {
    final AtomicInteger made = new AtomicInteger();
    final Function<ModuleContext, List<Hook>> maker;

    CountedModule(Function<ModuleContext, List<Hook>> maker) {
      this.maker = maker;
    }

    @Override
    public String name() {
      return "counted";
    }

    @Override
    public List<String> targets(ModuleContext context) {
      return List.of();
    }

    @Override
    public List<Hook> hooks(ModuleContext context) {
      made.incrementAndGet();
      return maker.apply(context);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, ModuleContext context) {
      return builder;
    }
  }

  private HookTable table(InstrumentationModule... modules) {
    Instrumentations.Installed installed = Instrumentations.Installed.of(List.of(modules), null, null, null, false);
    return installed.bridge((where, error) -> failures.add(where + ": " + error.getMessage()));
  }

  @Test
  void aModulesHooksAreMadeWhenOneIsFirstCalledAndOnlyThen() {
    CountedModule idle = new CountedModule(context -> List.of(Hook.replacing("idle", (s, a, b, c) -> "idle")));
    CountedModule used = new CountedModule(context -> List.of(Hook.replacing("first", (s, a, b, c) -> "first " + a),
        Hook.replacing("second", (s, a, b, c) -> "second " + a)));
    HookTable table = table(idle, used);
    assertEquals(0, idle.made.get() + used.made.get(), "nothing is made at start-up");

    int first = ModuleContext.HOOKS_PER_MODULE;
    assertEquals("first x", table.enter(first, null, "x", null, null));
    assertEquals("second y", table.enter(first + 1, null, "y", null, null));
    assertEquals("first z", table.enter(first, null, "z", null, null));

    assertEquals(1, used.made.get(), "made once for all of its hooks");
    assertEquals(0, idle.made.get(), "a module whose hooks are never called is never made");
  }

  @Test
  void aModuleThatFailsToMakeItsHooksLetsEveryCallPassAndSaysSoOnce() {
    CountedModule broken = new CountedModule(context -> {
      throw new IllegalStateException("a bug inside Airbag");
    });
    HookTable table = table(broken);

    assertNull(table.enter(0, null, "x", null, null), "the original method runs");
    assertNull(table.enter(1, null, "x", null, null));
    table.observe(0, "a", "b");

    assertEquals(1, broken.made.get(), "not tried again on every call");
    assertEquals(List.of("making the counted hooks: a bug inside Airbag"), failures);
  }

  @Test
  void aHookedCallMadeWhileTheHooksAreBeingMadeRunsAsWithoutAirbag() {
    HookTable[] self = new HookTable[1];
    List<Object> seenWhileMaking = new ArrayList<>();
    CountedModule reentrant = new CountedModule(context -> {
      // What a module's set-up may do: call, on this thread, a method of the client it hooks.
      seenWhileMaking.add(self[0].enter(0, null, "inner", null, null));
      return List.of(Hook.replacing("outer", (s, a, b, c) -> "hooked " + a));
    });
    self[0] = table(reentrant);

    assertEquals("hooked outer", self[0].enter(0, null, "outer", null, null));
    assertEquals(1, reentrant.made.get());
    assertEquals(1, seenWhileMaking.size());
    assertNull(seenWhileMaking.get(0), "the nested call ran the original method");
    assertTrue(failures.isEmpty(), failures.toString());
  }
}
