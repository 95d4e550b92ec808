package dev.airbag.bench.inprocess.storm;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigSources;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.ProbeGate;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.RequestHeaders;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.fleet.SimulatedFleet;
import dev.airbag.agent.wiring.Resilience;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One simulated storm for one variant and seed: the fleet's instances each run the SDK's retry loop, over the
 * agent's own engine ({@link CallPipeline#executeAsync}, its breakers and budgets, built from the configuration as
 * the agent builds them) or straight to the provider, on {@link VirtualTime}. Deterministic for a seed.
 */
final class StormRun {
  private static final Endpoint ENDPOINT = Endpoint.onHost("anthropic", Provider.ANTHROPIC, "api.anthropic.com", 443,
      "");
  private static final String PATH = "/v1/messages";
  /** How long after the last arrival the calls still in flight may take to end. */
  private static final long DRAIN_NANOS = 300_000_000_000L;
  /** The default of {@code airbag.fleet.sync-interval}. */
  private static final Duration FLEET_SYNC = Duration.ofMillis(200);

  private StormRun() {
  }

  static Timeline run(StormSettings settings, StormVariant variant, long seed) {
    VirtualTime time = new VirtualTime();
    Random random = new Random(seed);
    Timeline timeline = new Timeline(settings.seconds());
    CapacityProvider provider = new CapacityProvider(time, new Random(seed * 31 + 7), timeline, settings);
    List<StainlessClient> clients = clients(settings, variant, time, random, provider);
    double perInstance = settings.callsPerSecond() / settings.instances();
    long end = settings.seconds() * 1_000_000_000L;
    int[] calls = {0};
    for (StainlessClient client : clients) {
      scheduleArrival(time, random, perInstance, end, () -> {
        long started = time.nanoTime();
        timeline.count(timeline.started, started);
        calls[0]++;
        client.call(ok -> timeline.count(ok ? timeline.answered : timeline.failed, time.nanoTime()));
      });
    }
    time.runUntil(end + DRAIN_NANOS);
    int ended = Timeline.sum(timeline.answered) + Timeline.sum(timeline.failed);
    if (ended != calls[0]) {
      throw new IllegalStateException(variant.id + ": " + calls[0] + " calls started, " + ended + " ended");
    }
    return timeline;
  }

  /** Poisson arrivals at {@code perSecond} until {@code end}. */
  private static void scheduleArrival(VirtualTime time, Random random, double perSecond, long end, Runnable call) {
    long gap = (long) (-Math.log(1 - random.nextDouble()) / perSecond * 1e9);
    long at = time.nanoTime() + gap;
    if (at >= end) {
      return;
    }
    time.at(at, () -> {
      call.run();
      scheduleArrival(time, random, perSecond, end, call);
    });
  }

  private static List<StainlessClient> clients(StormSettings settings, StormVariant variant, VirtualTime time,
      Random random, CapacityProvider provider) {
    List<StainlessClient> clients = new ArrayList<>();
    long timeout = (long) (settings.timeoutSeconds() * 1e9);
    if (variant.settings == null) {
      for (int i = 0; i < settings.instances(); i++) {
        clients.add(new StainlessClient(time, random, retries -> {
          CompletableFuture<Reply> reply = new CompletableFuture<>();
          new ProviderExchange(provider, time, timeout).sendAsync(null, reply);
          return reply;
        }));
      }
      return clients;
    }
    AirbagConfig config = AirbagConfig.load(ConfigSources.of(null, variant.settings, Map.of()));
    if (!config.problems().isEmpty()) {
      throw new IllegalArgumentException(config.problems().toString());
    }
    boolean oneState = variant.sharing == StormVariant.Sharing.ONE_STATE;
    CircuitBreakers sharedBreakers = breakers(config, time, TransitionListener.NONE, ProbeGate.ALONE);
    RetryBudgets sharedBudgets = Resilience.retryBudgets(config, time, RetryBudgets.DEFAULT_MAX_ENDPOINTS);
    SimulatedFleet fleet = new SimulatedFleet(time, time, FLEET_SYNC);
    int[] sequence = {0};
    for (int i = 0; i < settings.instances(); i++) {
      CallPipeline.Builder builder = Resilience.pipelineBuilder(config,
              new Classifier(ClassificationRules.NONE, time), record -> { }, time)
          .scheduler(time)
          .random(random::nextDouble)
          .sleeper(nanos -> {
            throw new IllegalStateException("the simulation never sleeps");
          })
          .budgets(oneState ? sharedBudgets
              : Resilience.retryBudgets(config, time, RetryBudgets.DEFAULT_MAX_ENDPOINTS));
      if (variant.sharing == StormVariant.Sharing.FLEET) {
        SimulatedFleet.Member member = fleet.join("instance-" + i);
        CircuitBreakers breakers = breakers(config, time, member.circuits(), member.circuits());
        RetryBudgets budgets = Resilience.retryBudgets(config, time, RetryBudgets.DEFAULT_MAX_ENDPOINTS);
        builder.attempts(member.circuits()).breakers(breakers).budgets(budgets);
        member.start(breakers, budgets);
      } else {
        builder.breakers(oneState ? sharedBreakers : breakers(config, time, TransitionListener.NONE, ProbeGate.ALONE));
      }
      CallPipeline pipeline = builder.build();
      clients.add(new StainlessClient(time, random, retries -> {
        byte[] body = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"call " + sequence[0]++ + "\"}]}").getBytes(StandardCharsets.UTF_8);
        CallRequest request = CallRequest.of(ENDPOINT, "POST", "https://api.anthropic.com" + PATH, PATH, body, true,
            false, null).with(new RetryCount(retries), null, 0);
        return pipeline.executeAsync(request, new ProviderExchange(provider, time, timeout));
      }));
    }
    return clients;
  }

  private static CircuitBreakers breakers(AirbagConfig config, VirtualTime time, TransitionListener transitions,
      ProbeGate probes) {
    return Resilience.breakers(config, time, transitions, probes, 10_000);
  }

  /** The SDK's attempt number, the one header of its requests the engine reads here. */
  private record RetryCount(int retries) implements RequestHeaders {
    @Override
    public String first(String name) {
      return name.equalsIgnoreCase("X-Stainless-Retry-Count") ? Integer.toString(retries) : null;
    }

    @Override
    public void forEach(BiConsumer<String, String> action) {
      action.accept("X-Stainless-Retry-Count", Integer.toString(retries));
    }
  }
}
