package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.breaker.TransitionListeners;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.RequestHeaders;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.testing.FakeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One instance of a fleet in a unit test: its own breakers, fleet circuits and sync, sharing a {@link FakeFleetStore}
 * and a {@link FakeClock} with the others. Its attempts go through the breaker as the pipeline's would. Not
 * thread-safe.
 */
final class TestInstance {
  static final Endpoint OPENAI = Endpoint.onHost("openai", Provider.OPENAI, "api.openai.com", -1, "");
  static final String MODEL = "gpt-4o";
  static final CircuitKey KEY = new CircuitKey("openai", MODEL);

  final String name;
  final FleetCircuits fleet;
  final CircuitBreakers breakers;
  /** No ratio, one retry a second: 10 retries per window for the whole fleet. */
  final RetryBudgets budgets;
  final FleetSync sync;
  final List<String> transitions = new ArrayList<>();
  final List<String> log = new ArrayList<>();
  private final FakeClock clock;
  private String apiKey = "sk-test-key-of-the-fleet-0001";

  TestInstance(String name, FakeFleetStore store, FakeClock clock, BreakerConfig config) {
    this.name = name;
    this.clock = clock;
    this.fleet = new FleetCircuits(clock);
    TransitionListener listener = TransitionListeners.of(new TransitionListener() {
      @Override
      public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason) {
        onTransition(key, from, to, reason, false);
      }

      @Override
      public void onTransition(CircuitKey key, CircuitState from, CircuitState to, String reason, boolean learnt) {
        transitions.add(from.wireName() + "->" + to.wireName() + (learnt ? " (fleet)" : " (here)"));
      }
    }, fleet);
    this.breakers = new CircuitBreakers(config, model -> false, clock, listener, 100, fleet);
    breakers.onCreate(fleet::seed);
    this.budgets = new RetryBudgets(0, 1, clock);
    this.sync = new FleetSync(store, fleet, breakers, budgets, clock, name, "redis://test:6379/0", log::add);
  }

  TestInstance withKey(String key) {
    this.apiKey = key;
    return this;
  }

  CircuitBreaker breaker() {
    return breakers.forKey(KEY);
  }

  CircuitState state() {
    return breaker().state();
  }

  /** One attempt answered with {@code failure} (null for a success); false when the breaker refused it. */
  boolean attempt(Classification failure) {
    CircuitBreaker.Permit permit = breaker().tryAcquire();
    if (permit == null) {
      return false;
    }
    if (failure == null) {
      permit.onSuccess(1_000_000);
    } else {
      permit.onFailure(1_000_000);
    }
    fleet.onAttempt(request(), MODEL, failure);
    return true;
  }

  boolean succeed() {
    return attempt(null);
  }

  boolean fail() {
    return attempt(Classification.builder(Category.OVERLOADED).build());
  }

  private CallRequest request() {
    Map<String, String> headers = Map.of("Authorization", "Bearer " + apiKey);
    RequestHeaders adapter = new RequestHeaders() {
      @Override
      public String first(String header) {
        return headers.get(header);
      }

      @Override
      public void forEach(BiConsumer<String, String> action) {
        headers.forEach(action);
      }
    };
    return CallRequest.of(OPENAI, "POST", "https://api.openai.com/v1/chat/completions", "/v1/chat/completions",
        null, true, false, null).with(adapter, null, 0);
  }
}
