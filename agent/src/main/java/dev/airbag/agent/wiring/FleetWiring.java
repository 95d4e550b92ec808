package dev.airbag.agent.wiring;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.FleetKeys;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.ProbeGate;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.breaker.TransitionListeners;
import dev.airbag.agent.engine.call.AttemptListener;
import dev.airbag.agent.engine.call.AttemptListeners;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.fleet.Fleet;
import dev.airbag.agent.fleet.FleetSettings;
import dev.airbag.agent.telemetry.health.FleetHealth;

/**
 * The fleet, wired into the engine when {@code airbag.fleet.redis.url} is set. A class of its own so that, with the
 * key unset, neither it nor the fleet package nor the Redis client is ever loaded: the runtime reaches it only behind
 * that check.
 */
final class FleetWiring {
  private final Fleet fleet;

  private FleetWiring(Fleet fleet) {
    this.fleet = fleet;
  }

  /** Reads the {@code airbag.fleet.*} keys; call only when the URL is set. */
  static FleetWiring create(AirbagConfig config, Clock clock) {
    String passwordEnv = config.get(FleetKeys.REDIS_PASSWORD_ENV);
    FleetSettings settings = new FleetSettings(config.get(FleetKeys.REDIS_URL), System.getenv(passwordEnv),
        config.get(FleetKeys.REDIS_DATABASE), config.get(FleetKeys.KEY_PREFIX),
        config.get(FleetKeys.CONNECT_TIMEOUT), config.get(FleetKeys.COMMAND_TIMEOUT),
        config.get(FleetKeys.SYNC_INTERVAL));
    return new FleetWiring(Fleet.create(settings, clock));
  }

  AttemptListener attempts(AttemptListener others) {
    return AttemptListeners.of(others, fleet.circuits());
  }

  TransitionListener transitions(TransitionListener others) {
    return TransitionListeners.of(others, fleet.circuits());
  }

  FleetHealth health() {
    return fleet.circuits();
  }

  ProbeGate probes() {
    return fleet.circuits();
  }

  /** Starts the sync; without breakers (airbag.circuit.enabled=false) the fleet does not start, budgets included. */
  void start(CircuitBreakers breakers, RetryBudgets budgets) {
    if (breakers != null) {
      fleet.start(breakers, budgets);
    }
  }

  void stop() {
    fleet.stop();
  }

  String describe() {
    return fleet.describe();
  }
}
