package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.call.AttemptListener;
import dev.airbag.agent.engine.call.CallPipeline;
import dev.airbag.agent.engine.call.CallRecord;
import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.InternalFailure;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.ClassificationRules;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.endpoint.Endpoint;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.engine.redact.Redactor;
import dev.airbag.agent.engine.retry.Jitter;
import dev.airbag.agent.engine.retry.RandomSource;
import dev.airbag.agent.engine.retry.RetryBudgets;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.engine.time.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Asks the AI classifier about one fingerprint, on the review worker's thread only, through the engine's call
 * pipeline with a circuit of its own (this endpoint and model): a model that is down or slow costs a few bounded
 * attempts, then the circuit stops asking and the rules decide. Its calls are never the app's: no event, no metric,
 * no page. A usable or rejected answer is cached; a call that got no answer is not, so the fingerprint may be asked
 * about again later. Thread-safe.
 */
final class AiLabeller implements Labels {
  /** The endpoint name of the labeller's circuit and retry budget. */
  static final String CIRCUIT = "ai-classifier";

  private final AiClassifierSettings settings;
  private final ChatTransport transport;
  private final AiLabelCache cache;
  private final Logger log;
  private final Endpoint endpoint;
  private final CallPipeline pipeline;
  private final AtomicBoolean warned = new AtomicBoolean();

  AiLabeller(AiClassifierSettings settings, ChatTransport transport, AiLabelCache cache, Clock clock,
      Sleeper sleeper, RandomSource random, Logger log) {
    this(settings, transport, cache, clock, sleeper, random, null, log);
  }

  /** @param budgets the retry budgets, or null for the labeller's own (a fifth of its requests, three a second) */
  AiLabeller(AiClassifierSettings settings, ChatTransport transport, AiLabelCache cache, Clock clock,
      Sleeper sleeper, RandomSource random, RetryBudgets budgets, Logger log) {
    this.settings = settings;
    this.transport = transport;
    this.cache = cache;
    this.log = log;
    URI uri = settings.endpoint();
    this.endpoint = Endpoint.onHost(CIRCUIT, Provider.OPENAI, uri.getHost() == null ? "" : uri.getHost(),
        uri.getPort(), "");
    this.pipeline = CallPipeline.builder(new Classifier(ClassificationRules.NONE, clock), this::onCallFinished)
        .clock(clock)
        .sleeper(sleeper)
        .random(random)
        // The whole call, waits included, stays within a few timeouts: labelling is never urgent.
        .retry(new RetryPolicy(settings.maxAttempts(), Duration.ofMillis(500), Duration.ofSeconds(5), Jitter.FULL,
            Duration.ofSeconds(10), settings.timeout().multipliedBy(settings.maxAttempts() + 1)))
        .budgets(budgets != null ? budgets : new RetryBudgets(0.2, 3, clock))
        // An AI endpoint's error says what it is in its first lines.
        .maxErrorBodyBytes(16 * 1024)
        // No SDK retries of its own to mirror here: every retry is extra load on the AI endpoint.
        .budgetExemptAttempts(1)
        // Few calls: a small window, so that a dead endpoint is noticed after a handful of fingerprints.
        .breakers(new CircuitBreakers(new BreakerConfig(5, 3, 50, null, Duration.ofMinutes(1), 1), clock,
            (key, from, to, reason) -> log.info("airbag: AI classifier circuit {} -> {} ({})", from.wireName(),
                to.wireName(), reason), 1))
        // An open circuit means the rules decide now; nobody waits on a label.
        .holdWhileOpen(false)
        // Each request is a new fingerprint's; asking again is a later occurrence's choice.
        .replayWindow(Duration.ZERO)
        .attempts(AttemptListener.NONE)
        .internalErrors((where, error) -> log.warn("airbag: AI classifier failed {}: {}", where, error.toString()))
        .build();
  }

  @Override
  public Verdict labelFor(String fingerprint) {
    return cache.labelFor(fingerprint);
  }

  /** Asks about the case unless it is cached; returns the verdict, or null when no answer could be had. */
  Verdict label(ReviewCase review) throws InterruptedException {
    String fingerprint = review.fingerprint().value();
    Verdict cached = cache.labelFor(fingerprint);
    if (cached != null) {
      return cached;
    }
    ChatTransport.ChatResponse response = ask(ChatPrompt.requestBody(settings.model(), review));
    // The worker is closing: stop here rather than cache anything.
    if (Thread.interrupted()) {
      throw new InterruptedException("the review worker is closing");
    }
    if (response == null || !response.ok()) {
      return null;
    }
    Verdict verdict = ChatAnswer.verdict(response.body);
    cache.put(fingerprint, verdict);
    return verdict;
  }

  /** The pipeline's final answer, or null when it ended in a transport failure or an internal one. */
  private ChatTransport.ChatResponse ask(String body) {
    URI uri = settings.endpoint();
    CallRequest request = CallRequest.of(endpoint, "POST", Redactor.safeEndpoint(uri), uri.getRawPath(),
        body.getBytes(StandardCharsets.UTF_8), true, false, null);
    try {
      return pipeline.execute(request, new ChatExchange(transport, body));
    } catch (IOException | InternalFailure noAnswer) {
      // Already told: onCallFinished warned about the failure, the internal-error listener about the bug.
      return null;
    }
  }

  /** Warns once about a call that got no usable answer; an open circuit's refusal is expected and quiet. */
  private void onCallFinished(CallRecord record) {
    if (record.outcome() != Outcome.FAILED || record.failure() == null) {
      return;
    }
    // A worker being closed is no fault of the endpoint.
    if (Thread.currentThread().isInterrupted() || !warned.compareAndSet(false, true)) {
      return;
    }
    Classification failure = record.failure();
    String what = failure.httpStatus() > 0 ? "answered HTTP " + failure.httpStatus()
        : "failed: " + failure.category().wireName() + " (" + failure.exceptionType() + ")";
    log.warn("airbag: AI classifier at {} {}; the rules decide until it answers (logged once)",
        Redactor.safeEndpoint(settings.endpoint()), what);
  }
}
