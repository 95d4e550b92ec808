package dev.airbag.agent.engine.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.testing.TestPipelines;
import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.wiring.Resilience;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.fallback.FallbackPolicy;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.testing.FakeClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The do-no-harm invariant at the engine's defaults, on a fake clock: an app whose SDK retries as the OpenAI and
 * Anthropic SDKs do makes N calls one after another against a provider that fails by a plan, once without Airbag and
 * once through the pipeline. With Airbag the app never succeeds less (within 1 percentage point) and the provider
 * never gets more requests; with a healthy fallback model every call succeeds. The child-JVM tests and
 * {@code ./bench.sh --section no-harm} check the same against the real SDKs.
 */
class DoNoHarmSimulationTest {
  private static final String PRIMARY = "claude-sonnet-4-5";

  static List<Object[]> cells() {
    return List.of(
        cell("5% random", SimulatedProvider.random(0.05, 7), 300),
        cell("10% random", SimulatedProvider.random(0.10, 7), 300),
        cell("33% random", SimulatedProvider.random(0.33, 7), 300),
        cell("50% random", SimulatedProvider.random(0.50, 7), 300),
        cell("70% random", SimulatedProvider.random(0.70, 7), 300),
        cell("90% random", SimulatedProvider.random(0.90, 7), 300),
        cell("2 s burst", SimulatedProvider.between(Duration.ofSeconds(1), Duration.ofSeconds(3)), 120),
        cell("10 s burst", SimulatedProvider.between(Duration.ofSeconds(1), Duration.ofSeconds(11)), 120),
        cell("30 s outage", SimulatedProvider.between(Duration.ofSeconds(1), Duration.ofSeconds(31)), 240),
        cell("45 s outage", SimulatedProvider.between(Duration.ofMillis(1500), Duration.ofMillis(46_500)), 240),
        cell("60 s outage", SimulatedProvider.between(Duration.ZERO, Duration.ofSeconds(60)), 120),
        cell("100 s outage", SimulatedProvider.between(Duration.ofSeconds(1), Duration.ofSeconds(101)), 240),
        cell("full outage", SimulatedProvider.always(), 120));
  }

  private static Object[] cell(String name, SimulatedProvider.Faults faults, int calls) {
    return new Object[] {name, faults, calls};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void withoutAFallbackTheAppNeverSucceedsLessNorLoadsItsProviderMore(String name, SimulatedProvider.Faults faults,
      int calls) {
    Run without = runWithout(faults, calls);
    Run with = runWith(faults, calls, false);

    System.out.printf("%-12s without %3d ok %4d req %6.1f s | with %3d ok %4d req %6.1f s%n", name, without.succeeded,
        without.requests, without.seconds, with.succeeded, with.requests, with.seconds);
    assertTrue(with.succeeded * 100 >= without.succeeded * 100 - calls, name + ": " + with + " vs " + without);
    assertTrue(with.requests <= without.requests, name + ": " + with + " vs " + without);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void withAHealthyFallbackEveryCallSucceedsWithNoMoreRequests(String name, SimulatedProvider.Faults faults,
      int calls) {
    Run without = runWithout(faults, calls);
    Run with = runWith(faults, calls, true);

    System.out.printf("%-12s fallback: without %3d ok %4d req | with %3d ok %4d req%n", name, without.succeeded,
        without.requests, with.succeeded, with.requests);
    assertEquals(calls, with.succeeded, name);
    assertTrue(with.requests <= without.requests, name + ": " + with + " vs " + without);
  }

  private static Run runWithout(SimulatedProvider.Faults faults, int calls) {
    FakeClock clock = new FakeClock();
    SimulatedProvider provider = new SimulatedProvider(clock, faults);
    long start = clock.nanoTime();
    int succeeded = 0;
    for (int i = 0; i < calls; i++) {
      if (StainlessSdkModel.call(clock, retry -> provider.answer(AttemptRequest.original()))) {
        succeeded++;
      }
    }
    return new Run(succeeded, provider.requests, (clock.nanoTime() - start) / 1e9);
  }

  private static Run runWith(SimulatedProvider.Faults faults, int calls, boolean fallback) {
    FakeClock clock = new FakeClock();
    SimulatedProvider provider = new SimulatedProvider(clock, faults);
    FallbackPolicy policy = fallback
        ? new FallbackPolicy(Map.of(PRIMARY, List.of("claude-haiku-4-5")), Map.of(), EnumSet.of(Category.OVERLOADED,
            Category.TRANSIENT, Category.RATE_LIMITED, Category.TIMEOUT, Category.CIRCUIT_OPEN, Category.NOT_FOUND))
        : FallbackPolicy.none();
    // As the agent wires it at its defaults (Resilience).
    CallPipeline pipeline = TestPipelines.builder(new Classifier(ClassificationRules.NONE, clock), record -> { }, clock)
        .sleeper(nanos -> clock.advance(Duration.ofNanos(nanos)))
        .random(() -> 0.5)
        .budgets(new RetryBudgets(0.2, 3, clock))
        .breakers(new CircuitBreakers(Resilience.breakerConfig(AirbagConfig.defaults()), policy::hasChainFor, clock,
            TransitionListener.NONE, 100))
        .fallback(policy)
        .build();
    long start = clock.nanoTime();
    int succeeded = 0;
    for (int i = 0; i < calls; i++) {
      boolean ok = StainlessSdkModel.call(clock, retry -> {
        try {
          return pipeline.execute(CallPipelineTest.sdkAttempt(PRIMARY, retry),
              new FakeExchange().otherwise(provider::answer));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      if (ok) {
        succeeded++;
      }
    }
    return new Run(succeeded, provider.requests, (clock.nanoTime() - start) / 1e9);
  }

  private static final class Run {
    final int succeeded;
    final int requests;
    final double seconds;

    Run(int succeeded, int requests, double seconds) {
      this.succeeded = succeeded;
      this.requests = requests;
      this.seconds = seconds;
    }

    @Override
    public String toString() {
      return succeeded + " succeeded, " + requests + " requests in " + seconds + " s";
    }
  }
}
