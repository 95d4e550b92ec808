package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.log.AgentLog;
import dev.airbag.agent.support.DaemonThreads;
import dev.airbag.agent.telemetry.alerts.AlertEvaluator;
import dev.airbag.agent.telemetry.alerts.AlertEvents;
import dev.airbag.agent.telemetry.alerts.AlertSchedule;
import dev.airbag.agent.telemetry.alerts.AlertSettings;
import dev.airbag.agent.telemetry.alerts.DurationWords;
import dev.airbag.agent.telemetry.alerts.StandardAlertRules;
import dev.airbag.agent.telemetry.health.AppHealth;
import dev.airbag.agent.telemetry.health.FleetHealth;
import dev.airbag.agent.telemetry.health.HealthJson;
import dev.airbag.agent.telemetry.health.HealthReport;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The agent's metrics, assembled: its registries, the binder the pipeline and breakers feed, the circuit gauges,
 * the export counters, the scrape endpoint and the alert rules on a daemon thread {@code airbag-alerts} (started with
 * the registries, see {@link AlertSchedule}).
 * Starting never throws for an unusable port: it logs one line and runs without the endpoint.
 *
 * <p>Wiring order: {@link #start}, then build {@link CircuitBreakers} with {@link #binder()} among its
 * transition listeners, then {@link #bindCircuits} and {@link #bindExportStats}. Thread-safe.
 */
public final class AgentMetrics implements AutoCloseable {
  private static final Logger LOG = AgentLog.logger();

  private final MetricsSettings settings;
  private final Clock clock;
  private final QuietFailures failures;
  private final LazyRegistries registries;
  private final GuardedOtlpSender otlpSender;
  private final LlmMetricsBinder binder;
  private final AlertEvaluator alerts;
  /** Null when alerts are off. */
  private final AlertSchedule alertSchedule;
  private final String alertWindow;
  private volatile CircuitGauges gauges;
  private volatile FleetHealth fleet;
  /** Held so the function counters' readers stay reachable (Micrometer holds them weakly). */
  private volatile ExportEventMeters exportCounters;
  private volatile ScrapeEndpoint endpoint;

  private AgentMetrics(MetricsSettings settings, AlertSettings alertSettings, Clock clock,
      Consumer<Event> alertSink, String service, String host) {
    this.settings = settings;
    this.clock = clock;
    this.failures = new QuietFailures(clock);
    this.otlpSender = settings.otlpUrl() == null ? null
        : new GuardedOtlpSender(OtlpRegistryFactory.httpSender(), failures);
    this.registries = new LazyRegistries(settings, clock, otlpSender, service);
    this.binder = new LlmMetricsBinder(registries, settings.modelTagLimit(), clock);
    this.alerts = new AlertEvaluator(StandardAlertRules.of(alertSettings), registries::cumulative,
        this::circuitStates, clock, alertSettings.window().toNanos(),
        new AlertEvents(service, host, alertSettings.window().getSeconds()), alertSink);
    this.alertWindow = DurationWords.of(alertSettings.window());
    this.alertSchedule = alertSettings.enabled()
        ? new AlertSchedule(this::tick, alertSettings.interval().toNanos()) : null;
  }

  /**
   * Starts the scrape endpoint as configured. The registries, and with them the alert thread, come with the first
   * meter, or now when a scrape port or OTLP pushes read them from the start.
   *
   * @param alertSink receives {@code alert} events (the integrator passes the dispatcher's offer)
   */
  public static AgentMetrics start(MetricsSettings settings, AlertSettings alertSettings, Clock clock,
      Consumer<Event> alertSink, String service, String host) {
    AgentMetrics metrics = new AgentMetrics(settings, alertSettings, clock, alertSink, service, host);
    // Scrapes and pushes read the registries from the start; otherwise the first meter builds them.
    if (settings.prometheusPort() != 0 || settings.otlpUrl() != null) {
      metrics.registries.build();
    }
    metrics.startEndpoint();
    AlertSchedule alerts = metrics.alertSchedule;
    if (alerts != null) {
      // Until the registries exist every total is zero: nothing to evaluate, so no thread.
      metrics.registries.whenBuilt(registry -> alerts.start());
    }
    return metrics;
  }

  /** The listener of calls, attempts and transitions. */
  public LlmMetricsBinder binder() {
    return binder;
  }

  /** The agent's composite registry (for tests and for the uncaught-exception side's own meters). */
  public MeterRegistry registry() {
    return registries.get();
  }

  /** Adds the circuit state gauges; call once, after the breakers are built with the binder as listener. */
  public void bindCircuits(CircuitBreakers circuits) {
    CircuitGauges bound = new CircuitGauges(circuits, registries, binder, clock);
    binder.onAnyTransition(bound::invalidate);
    gauges = bound;
    bound.register();
  }

  /** Adds the export counters for these sink names; call once, when the exporter is built. */
  public void bindExportStats(Collection<String> sinks, ExportStatsSource source) {
    registries.whenBuilt(registry -> exportCounters = new ExportEventMeters(registry, sinks, source, failures));
  }

  /** Adds the fleet's side to {@code /health}: Redis reached or not, and who opened each open circuit. */
  public void bindFleet(FleetHealth fleet) {
    this.fleet = fleet;
  }

  /** What {@code /health} would answer now. */
  public HealthReport health() {
    HealthReport report = HealthReport.of(appHealth(), circuitStates(), alerts.active());
    FleetHealth bound = fleet;
    return bound == null ? report : report.withFleet(bound);
  }

  // With alerts on, the window their rules judge (so old failures age out); without, everything since start.
  private AppHealth appHealth() {
    if (alertSchedule != null) {
      return new AppHealth(alerts.recent(), alertWindow);
    }
    MeterRegistries built = registries.current();
    return new AppHealth(built == null ? Totals.ZERO : Totals.read(built.cumulative), "since start");
  }

  /** The alert rules, for tests and the startup summary. */
  public AlertEvaluator alerts() {
    return alerts;
  }

  /** The Prometheus text of every meter, or "" when the scrape endpoint is off. */
  public String scrape() {
    CircuitGauges current = gauges;
    if (current != null) {
      current.register();
    }
    MeterRegistries built = registries.current();
    return built == null ? "" : built.scrape();
  }

  /** The scrape endpoint's bound port, or -1 when it is off or could not bind. */
  public int scrapePort() {
    ScrapeEndpoint current = endpoint;
    return current == null ? -1 : current.port();
  }

  /** OTLP pushes the collector accepted so far; 0 when OTLP metrics are off. */
  public long otlpPushes() {
    return otlpSender == null ? 0 : otlpSender.sent();
  }

  /** Stops the endpoint and the alert thread, and pushes OTLP metrics one last time within {@code timeout}. */
  public void close(Duration timeout) {
    if (alertSchedule != null) {
      alertSchedule.close();
    }
    ScrapeEndpoint current = endpoint;
    if (current != null) {
      current.close();
    }
    MeterRegistries built = registries.current();
    if (built == null) {
      // Nothing was ever recorded, and no registry pushes: nothing to flush.
      return;
    }
    Thread closer = new DaemonThreads("metrics-close").newThread(built.composite::close);
    closer.start();
    try {
      TimeUnit.NANOSECONDS.timedJoin(closer, Math.max(0, timeout.toNanos()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void startEndpoint() {
    if (settings.prometheusPort() == 0) {
      return;
    }
    try {
      endpoint = ScrapeEndpoint.start(settings.prometheusHost(), settings.prometheusPort(), this::scrape,
          () -> HealthJson.write(health()));
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a trimmed runtime without the jdk.httpserver module.
      LOG.warn("airbag.metrics.prometheus.port: cannot listen on {}:{} ({}); metrics endpoint off",
          settings.prometheusHost(), settings.prometheusPort(), e.toString());
    }
  }

  private void tick() {
    try {
      CircuitGauges current = gauges;
      if (current != null) {
        current.register();
      }
      alerts.evaluate();
    } catch (Throwable t) {
      // A throw would cancel every later run of the schedule.
      failures.report("the alert loop", t);
    }
  }

  private Map<CircuitKey, CircuitState> circuitStates() {
    CircuitGauges current = gauges;
    return current == null ? Collections.emptyMap() : current.states();
  }
}
