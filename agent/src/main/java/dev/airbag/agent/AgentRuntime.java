package dev.airbag.agent;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigKeys;
import dev.airbag.agent.config.EndpointDeclaration;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.EndpointPresets;
import dev.airbag.agent.engine.endpoint.EndpointRegistry;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.instrument.LlmTraffic;
import dev.airbag.agent.telemetry.EventDispatcher;
import dev.airbag.agent.telemetry.EventSink;
import dev.airbag.agent.telemetry.JsonLinesFileSink;
import dev.airbag.agent.telemetry.CircuitEventWriter;
import dev.airbag.agent.telemetry.LlmCallEventWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.StringJoiner;

/** The assembled agent: the engine, its listeners and the event exporter, built once from the configuration. */
final class AgentRuntime {
  private static final int EVENT_QUEUE_CAPACITY = 8192;
  private static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(5);

  private final EndpointRegistry endpoints;
  private final EventDispatcher dispatcher;
  private final LlmTraffic traffic;
  private final Path eventsFile;

  private AgentRuntime(EndpointRegistry endpoints, EventDispatcher dispatcher, LlmTraffic traffic, Path eventsFile) {
    this.endpoints = endpoints;
    this.dispatcher = dispatcher;
    this.traffic = traffic;
    this.eventsFile = eventsFile;
  }

  static AgentRuntime create(AirbagConfig config) {
    Clock clock = Clock.SYSTEM;
    EndpointRegistry endpoints = new EndpointRegistry(endpoints(config));
    Path eventsFile = config.get(ConfigKeys.EXPORT_FILE_PATH);
    List<EventSink> sinks = new ArrayList<>();
    sinks.add(new JsonLinesFileSink(eventsFile));
    EventDispatcher dispatcher = new EventDispatcher(sinks, EVENT_QUEUE_CAPACITY, clock);
    dispatcher.start();
    Classifier classifier = new Classifier(ClassificationRules.of(config.statusRules(), config.errorCodeRules(),
        config.get(ConfigKeys.RETRY_ON_UNKNOWN)), clock);
    String service = ServiceIdentity.serviceName(config);
    String host = ServiceIdentity.hostName();
    LlmCallEventWriter events = new LlmCallEventWriter(dispatcher, service, host, clock);
    CallPipeline pipeline = Resilience.pipeline(config, classifier, events,
        new CircuitEventWriter(dispatcher, service, host, clock), clock);
    LlmTraffic traffic = new LlmTraffic(endpoints, pipeline, MAX_REQUEST_BODY_BYTES);
    return new AgentRuntime(endpoints, dispatcher, traffic, eventsFile);
  }

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
    return "file " + eventsFile.toAbsolutePath();
  }

  void shutdown() {
    dispatcher.close(SHUTDOWN_FLUSH);
  }
}
