package dev.airbag.agent.wiring;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigKeys;
import dev.airbag.agent.config.EndpointDeclaration;
import dev.airbag.agent.config.FleetKeys;
import dev.airbag.agent.engine.breaker.ProbeGate;
import dev.airbag.agent.engine.breaker.TransitionListener;
import dev.airbag.agent.engine.call.AttemptListener;
import dev.airbag.agent.engine.breaker.TransitionListeners;
import dev.airbag.agent.engine.call.CallListener;
import dev.airbag.agent.engine.call.CallListeners;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.EndpointPresets;
import dev.airbag.agent.engine.endpoint.EndpointRegistry;
import dev.airbag.agent.log.AgentLog;
import dev.airbag.agent.engine.endpoint.UncoveredLlmCalls;
import dev.airbag.agent.engine.redact.RecentCredentials;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.uncaught.FailedCallCredentials;
import dev.airbag.agent.instrument.InternalErrorLog;
import dev.airbag.agent.instrument.LlmTraffic;
import dev.airbag.agent.instrument.uncaught.ExceptionCapture;
import dev.airbag.agent.telemetry.events.CircuitEventWriter;
import dev.airbag.agent.telemetry.events.LlmCallEventWriter;
import dev.airbag.agent.telemetry.metrics.LlmMetricsBinder;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.StringJoiner;

/** The assembled agent: the engine, its listeners and the event exporter, built once from the configuration. */
final class AgentRuntime {
  private final EndpointRegistry endpoints;
  private final Telemetry telemetry;
  private final LlmTraffic traffic;
  private final ExceptionCapture exceptions;
  /** Null unless airbag.fleet.redis.url is set. */
  private final FleetWiring fleet;

  private AgentRuntime(EndpointRegistry endpoints, Telemetry telemetry, LlmTraffic traffic,
      ExceptionCapture exceptions, FleetWiring fleet) {
    this.endpoints = endpoints;
    this.telemetry = telemetry;
    this.traffic = traffic;
    this.exceptions = exceptions;
    this.fleet = fleet;
  }

  /** The exception capture, or null when airbag.exceptions.enabled is false. */
  ExceptionCapture exceptions() {
    return exceptions;
  }

  static AgentRuntime create(AirbagConfig config) {
    Clock clock = Clock.SYSTEM;
    EndpointRegistry endpoints = new EndpointRegistry(endpoints(config));
    String service = ServiceIdentity.serviceName(config);
    String host = ServiceIdentity.hostName();
    Telemetry telemetry = Telemetry.start(config, service, host, clock);
    Classifier classifier = FaultInjection.classifier(new Classifier(ClassificationRules.of(config.statusRules(),
        config.errorCodeRules(), config.get(ConfigKeys.RETRY_ON_UNKNOWN)), clock));
    InternalErrorLog internalErrors = new InternalErrorLog();
    LlmMetricsBinder metrics = telemetry.metrics.binder();
    RecentCredentials credentials = new RecentCredentials(clock, CREDENTIALS_TTL_NANOS);
    CallListener calls = CallListeners.of(new FailedCallCredentials(credentials),
        new LlmCallEventWriter(telemetry.dispatcher, service, host, clock, credentials), metrics);
    TransitionListener transitions = TransitionListeners.of(
        new CircuitEventWriter(telemetry.dispatcher, service, host, clock), metrics);
    // Behind the check, so that without a Redis URL no fleet or Redis class is ever loaded.
    FleetWiring fleet = config.get(FleetKeys.REDIS_URL) == null ? null : FleetWiring.create(config, clock);
    AttemptListener attempts = fleet == null ? metrics : fleet.attempts(metrics);
    ProbeGate probes = fleet == null ? ProbeGate.ALONE : fleet.probes();
    if (fleet != null) {
      transitions = fleet.transitions(transitions);
    }
    CallPipeline pipeline = Resilience.pipeline(config, classifier, calls, attempts, transitions, probes,
        internalErrors, clock);
    if (pipeline.breakers() != null) {
      telemetry.metrics.bindCircuits(pipeline.breakers());
    }
    if (fleet != null) {
      telemetry.metrics.bindFleet(fleet.health());
      fleet.start(pipeline.breakers(), pipeline.budgets());
    }
    UncoveredLlmCalls uncovered = new UncoveredLlmCalls(endpoints.endpoints(), config.get(ConfigKeys.AUTO_PROTECT),
        AgentLog.logger()::warn);
    LlmTraffic traffic = new LlmTraffic(endpoints, uncovered, pipeline, MAX_REQUEST_BODY_BYTES, internalErrors);
    ExceptionCapture exceptions = UncaughtExceptions.capture(config, telemetry, service, host, clock, credentials);
    return new AgentRuntime(endpoints, telemetry, traffic, exceptions, fleet);
  }

  // An exception echoing a key comes within moments of the failed call; a key is not held, even hashed, for longer.
  private static final long CREDENTIALS_TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
  // Prompts beyond this are passed through unread rather than copied in memory.
  private static final int MAX_REQUEST_BODY_BYTES = 8 * 1024 * 1024;

  private static List<Endpoint> endpoints(AirbagConfig config) {
    List<Endpoint> result = new ArrayList<>();
    for (EndpointDeclaration declared : config.endpoints().values()) {
      URI url = declared.url();
      int port = url.getPort() != -1 ? url.getPort() : ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
      result.add(Endpoint.onHost(declared.name(), declared.provider(), url.getHost(), port, url.getPath()));
    }
    result.addAll(EndpointPresets.enabled(new HashSet<>(config.get(ConfigKeys.PRESETS))));
    return result;
  }

  LlmTraffic traffic() {
    return traffic;
  }

  String describeEndpoints() {
    StringJoiner joined = new StringJoiner(", ");
    List<String> seen = new ArrayList<>();
    for (Endpoint endpoint : endpoints.endpoints()) {
      if (!seen.contains(endpoint.name())) {
        seen.add(endpoint.name());
        joined.add(endpoint.toString());
      }
    }
    return seen.size() + " endpoints (" + joined + ")";
  }

  String describeSinks() {
    return fleet == null ? telemetry.describe() : telemetry.describe() + "; " + fleet.describe();
  }

  void shutdown() {
    if (fleet != null) {
      fleet.stop();
    }
    if (exceptions != null) {
      exceptions.close();
    }
    telemetry.shutdown();
  }
}
