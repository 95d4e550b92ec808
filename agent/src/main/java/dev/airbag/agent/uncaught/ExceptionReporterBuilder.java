package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.retry.RandomSource;
import dev.airbag.agent.engine.redact.TextMask;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.engine.time.Sleeper;
import dev.airbag.agent.log.AgentLog;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventDispatcher;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Wires an {@link ExceptionReporter}: where events go (normally {@link EventDispatcher#offer}), the metrics
 * listener, the service and host names, and the clock. The labels file, the AI classifier and the review worker
 * are made from the settings. Not thread-safe; build once.
 */
public final class ExceptionReporterBuilder {
  /** AI answers kept in memory; matches the fingerprint cap. */
  private static final int AI_CACHE_CAPACITY = 10_000;
  private static final int REVIEW_QUEUE_CAPACITY = 256;

  final ExceptionSettings settings;
  Consumer<Event> events = event -> { };
  ExceptionMetricsListener metrics = ExceptionMetricsListener.NONE;
  String service = "unknown-service";
  String host = "unknown-host";
  Clock clock = Clock.SYSTEM;
  Logger log = AgentLog.logger();
  Function<String, String> env = System::getenv;
  ChatTransport transport;
  Sleeper sleeper = Sleeper.SYSTEM;
  RandomSource random = RandomSource.SYSTEM;
  Consumer<String> onReviewed = fingerprint -> { };
  TextMask secrets = TextMask.NONE;

  ExceptionReporterBuilder(ExceptionSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Sends events to the dispatcher; it only enqueues, so the app thread never waits on a sink. */
  public ExceptionReporterBuilder dispatcher(EventDispatcher dispatcher) {
    return events(dispatcher::offer);
  }

  public ExceptionReporterBuilder events(Consumer<Event> events) {
    this.events = Objects.requireNonNull(events, "events");
    return this;
  }

  public ExceptionReporterBuilder metrics(ExceptionMetricsListener metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  public ExceptionReporterBuilder service(String service) {
    this.service = service;
    return this;
  }

  public ExceptionReporterBuilder host(String host) {
    this.host = host;
    return this;
  }

  /** Secrets known to Airbag (credentials of recent failed calls), masked by value in every message. */
  public ExceptionReporterBuilder secrets(TextMask secrets) {
    this.secrets = secrets;
    return this;
  }

  public ExceptionReporterBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where the AI key's environment variable is read; {@link System#getenv} by default. */
  public ExceptionReporterBuilder env(Function<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
    return this;
  }

  ExceptionReporterBuilder transport(ChatTransport transport) {
    this.transport = transport;
    return this;
  }

  ExceptionReporterBuilder sleeper(Sleeper sleeper) {
    this.sleeper = sleeper;
    return this;
  }

  ExceptionReporterBuilder onReviewed(Consumer<String> onReviewed) {
    this.onReviewed = onReviewed;
    return this;
  }

  ExceptionReporterBuilder log(Logger log) {
    this.log = log;
    return this;
  }

  public ExceptionReporter build() {
    LabelsFile labels = settings.labelsFile() == null ? null
        : new LabelsFile(settings.labelsFile(), LabelSource.HUMAN, clock, settings.labelsRecheck(), log);
    AiLabeller ai = settings.ai() == null ? null : aiLabeller(settings.ai());
    ExceptionClassifier classifier = new ExceptionClassifier(settings.rules(),
        labels == null ? Labels.NONE : labels, ai == null ? Labels.NONE : ai);
    ReviewWorker reviews = labels == null && ai == null ? null
        : new ReviewWorker(REVIEW_QUEUE_CAPACITY, ai, labels == null ? null : new PendingReviews(labels, log),
            onReviewed, log);
    return new ExceptionReporter(this, classifier, reviews);
  }

  private AiLabeller aiLabeller(AiClassifierSettings ai) {
    ChatTransport chat = transport;
    if (chat == null) {
      String key = ai.apiKeyEnv() == null ? null : env.apply(ai.apiKeyEnv());
      if (ai.apiKeyEnv() != null && (key == null || key.isEmpty())) {
        log.warn("airbag: environment variable {} (airbag.ai-classifier.api-key-env) is not set; calling the AI "
            + "classifier without a key", ai.apiKeyEnv());
      }
      chat = new JdkChatTransport(ai.endpoint(), key, ai.timeout());
    }
    return new AiLabeller(ai, chat, new AiLabelCache(ai.cacheFile(), AI_CACHE_CAPACITY, log), clock, sleeper,
        random, log);
  }
}
