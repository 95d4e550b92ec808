package dev.airbag.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.EndpointRegistry;
import dev.airbag.agent.engine.endpoint.UncoveredLlmCalls;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.testing.TestPipelines;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AdapterPackageTest {
  private static final String PACKAGE = "dev.airbag.agent.instrument.sampleadapter";

  private final List<String> internalErrors = new ArrayList<>();
  private final LlmTraffic traffic = new LlmTraffic(new EndpointRegistry(List.of()),
      new UncoveredLlmCalls(List.of(), false, line -> {}),
      TestPipelines.builder(new Classifier(ClassificationRules.NONE, Clock.SYSTEM), call -> {}, Clock.SYSTEM).build(),
      64, (where, error) -> internalErrors.add(where));
  private final AdapterPackage adapters =
      new AdapterPackage(PACKAGE, AdapterPackageTest.class.getClassLoader(), traffic);

  @Test
  void anAdapterIsDefinedNextToTheLibraryAndMadeWithTheTraffic() {
    Supplier<Object> adapter =
        adapters.<Supplier<Object>>perLibraryType("TrafficAdapter", () -> null).get(String.class);

    assertSame(traffic, adapter.get());
    assertTrue(adapter.getClass().getClassLoader() instanceof AdapterClassLoader);
    assertSame(null, adapter.getClass().getClassLoader().getParent(), "String's loader is the bootstrap loader");
  }

  @Test
  void theClassesOfOnePackageShareOneLoaderPerLibraryLoaderAndOneInstancePerLibraryType() {
    ClassValue<Supplier<Object>> traffics = adapters.perLibraryType("TrafficAdapter", () -> null);
    ClassValue<Supplier<Object>> plains = adapters.perLibraryType("PlainAdapter", () -> null);

    Supplier<Object> forString = traffics.get(String.class);
    Supplier<Object> forInteger = traffics.get(Integer.class);

    assertSame(forString, traffics.get(String.class));
    assertNotSame(forString, forInteger);
    assertSame(forString.getClass(), forInteger.getClass());
    assertSame(forString.getClass().getClassLoader(), plains.get(String.class).getClass().getClassLoader());
    assertEquals("plain", plains.get(String.class).get());
  }

  @Test
  void anAdapterThatCannotLoadLeavesTheAppsOwnBehaviourAndIsReported() {
    Supplier<Object> ownBehaviour = () -> "own";

    assertSame(ownBehaviour, adapters.perLibraryType("Missing", ownBehaviour).get(String.class));
    assertEquals(List.of("loading the adapter " + PACKAGE + ".Missing"), internalErrors);
  }
}
