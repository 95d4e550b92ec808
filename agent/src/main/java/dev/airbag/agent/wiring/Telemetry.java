package dev.airbag.agent.wiring;

import dev.airbag.agent.AirbagAgent;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigKeys;
import dev.airbag.agent.config.ExportKeys;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.log.AgentLog;
import dev.airbag.agent.telemetry.events.EventDispatcher;
import dev.airbag.agent.telemetry.events.EventSink;
import dev.airbag.agent.telemetry.events.JsonLinesFileSink;
import dev.airbag.agent.telemetry.export.CollectorGroup;
import dev.airbag.agent.telemetry.export.CollectorSettings;
import dev.airbag.agent.telemetry.export.CollectorSinks;
import dev.airbag.agent.telemetry.export.DeliverySettings;
import dev.airbag.agent.telemetry.export.ExportLog;
import dev.airbag.agent.telemetry.export.ExportStats;
import dev.airbag.agent.telemetry.export.FoldingSink;
import dev.airbag.agent.telemetry.export.OtlpProtocol;
import dev.airbag.agent.telemetry.export.ResourceInfo;
import dev.airbag.agent.telemetry.export.TrustStoreSettings;
import dev.airbag.agent.telemetry.metrics.AgentMetrics;
import dev.airbag.agent.telemetry.alerts.AlertSettings;
import dev.airbag.agent.telemetry.metrics.ExportResult;
import dev.airbag.agent.telemetry.metrics.MetricsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where events and metrics go, built from the configuration: the sinks behind the event dispatcher, the collector
 * delivery (batching, retries, spool, folding), and the Micrometer registries with the scrape endpoint and alerts.
 */
final class Telemetry {
  private static final int EVENT_QUEUE_CAPACITY = 8192;
  // The collectors' own shutdown grace, on top of airbag.export.shutdown-timeout.
  private static final Duration CLOSE_GRACE = Duration.ofMillis(1500);

  final EventDispatcher dispatcher;
  final AgentMetrics metrics;
  private final CollectorGroup collectors;
  private final Duration shutdownTimeout;
  private final String description;

  private Telemetry(EventDispatcher dispatcher, AgentMetrics metrics, CollectorGroup collectors,
      Duration shutdownTimeout, String description) {
    this.dispatcher = dispatcher;
    this.metrics = metrics;
    this.collectors = collectors;
    this.shutdownTimeout = shutdownTimeout;
    this.description = description;
  }

  static Telemetry start(AirbagConfig config, String service, String host, Clock clock) {
    List<String> chosen = config.get(ExportKeys.SINKS);
    List<EventSink> sinks = new ArrayList<>();
    StringJoiner described = new StringJoiner(", ");
    if (chosen.contains("file")) {
      Path file = config.get(ConfigKeys.EXPORT_FILE_PATH);
      // Folded as the collectors are: a storm of identical failures must not flood the disk.
      sinks.add(new FoldingSink(new JsonLinesFileSink(file, config.get(ExportKeys.FILE_MAX_SIZE), clock),
          config.get(ExportKeys.DEDUPE_WINDOW).toNanos(), clock));
      described.add("file " + file.toAbsolutePath());
    }
    CollectorGroup collectors = collectors(config, chosen, service, host, clock, described);
    if (collectors != null) {
      sinks.add(collectors);
    }
    EventDispatcher dispatcher = new EventDispatcher(FaultInjection.sinks(sinks),
        FaultInjection.room(EVENT_QUEUE_CAPACITY), clock);
    dispatcher.start();
    AgentMetrics metrics = AgentMetrics.start(MetricsSettings.from(config, service, host), AlertSettings.from(config),
        clock, dispatcher::offer, service, host);
    if (collectors != null) {
      metrics.bindExportStats(sinkNames(collectors), (sink, result) -> total(collectors, sink, result));
    }
    if (metrics.scrapePort() > 0) {
      described.add("metrics at http://" + config.get(ExportKeys.PROMETHEUS_HOST) + ":" + metrics.scrapePort()
          + "/metrics");
    }
    return new Telemetry(dispatcher, metrics, collectors, config.get(ExportKeys.SHUTDOWN_TIMEOUT),
        described.length() == 0 ? "nowhere (airbag.export.sinks=none)" : described.toString());
  }

  private static CollectorGroup collectors(AirbagConfig config, List<String> chosen, String service, String host,
      Clock clock, StringJoiner described) {
    boolean otlp = chosen.contains("otlp");
    URI httpUrl = config.get(ExportKeys.HTTP_URL);
    boolean http = chosen.contains("http");
    if (http && httpUrl == null) {
      AgentLog.logger().warn("airbag.export.sinks lists http but airbag.export.http.url is not set;"
          + " the http sink is off");
      http = false;
    }
    if (!otlp && !http) {
      return null;
    }
    Path trustPath = config.get(ExportKeys.TRUST_STORE);
    TrustStoreSettings trust = trustPath == null ? null
        : new TrustStoreSettings(trustPath, config.get(ExportKeys.TRUST_STORE_PASSWORD),
            config.get(ExportKeys.TRUST_STORE_TYPE));
    Map<String, String> headers = config.get(ExportKeys.HEADERS);
    CollectorSinks sinks = new CollectorSinks(DeliverySettings.from(config, service), clock, ExportLog.slf4j());
    if (otlp) {
      URI endpoint = config.get(ExportKeys.OTLP_ENDPOINT);
      sinks.otlp(OtlpProtocol.fromWireName(config.get(ExportKeys.OTLP_PROTOCOL)),
          CollectorSettings.of(endpoint, headers, true, trust), new ResourceInfo(service, host, AirbagAgent.version()));
      described.add("otlp " + endpoint + " (" + config.get(ExportKeys.OTLP_PROTOCOL) + ")");
    }
    if (http) {
      sinks.http(CollectorSettings.of(httpUrl, headers, true, trust));
      described.add("http " + httpUrl);
    }
    try {
      return sinks.start();
    } catch (IllegalArgumentException badTrustStore) {
      AgentLog.logger().warn("collectors are off: {}", badTrustStore.getMessage());
      return null;
    }
  }

  private static List<String> sinkNames(CollectorGroup collectors) {
    List<String> names = new ArrayList<>();
    for (ExportStats stats : collectors.stats()) {
      names.add(stats.sink());
    }
    return names;
  }

  private static long total(CollectorGroup collectors, String sink, ExportResult result) {
    for (ExportStats stats : collectors.stats()) {
      if (stats.sink().equals(sink)) {
        switch (result) {
          case SENT:
            return stats.sent();
          case SPOOLED:
            return stats.spooled();
          case DROPPED:
            return stats.dropped();
          default:
            return stats.rejected();
        }
      }
    }
    return 0;
  }

  String describe() {
    return description;
  }

  void shutdown() {
    dispatcher.close(shutdownTimeout.plus(CLOSE_GRACE));
    metrics.close();
  }
}
