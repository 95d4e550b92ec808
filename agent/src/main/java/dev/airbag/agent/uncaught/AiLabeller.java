package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.breaker.BreakerConfig;
import dev.airbag.agent.engine.breaker.CircuitBreaker;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.redact.Redactor;
import dev.airbag.agent.engine.retry.Deadline;
import dev.airbag.agent.engine.retry.Jitter;
import dev.airbag.agent.engine.retry.RandomSource;
import dev.airbag.agent.engine.retry.RetryPolicy;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.engine.time.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Asks the AI classifier about one fingerprint, on the review worker's thread only, through Airbag's own
 * retry policy and circuit breaker: a model that is down or slow costs a few bounded attempts, then the breaker
 * stops asking and the rules decide. A usable or rejected answer is cached; a call that got no answer is
 * not, so the fingerprint may be asked about again later. Thread-safe.
 */
final class AiLabeller implements Labels {
  static final String CIRCUIT = "ai-classifier";

  private final AiClassifierSettings settings;
  private final ChatTransport transport;
  private final AiLabelCache cache;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomSource random;
  private final Logger log;
  private final RetryPolicy policy;
  private final CircuitBreaker breaker;
  private final AtomicBoolean warnedStatus = new AtomicBoolean();

  AiLabeller(AiClassifierSettings settings, ChatTransport transport, AiLabelCache cache, Clock clock,
      Sleeper sleeper, RandomSource random, Logger log) {
    this.settings = settings;
    this.transport = transport;
    this.cache = cache;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.log = log;
    // The whole exchange, waits included, stays within a few timeouts: labelling is never urgent.
    this.policy = new RetryPolicy(settings.maxAttempts(), Duration.ofMillis(500), Duration.ofSeconds(5),
        Jitter.FULL, Duration.ofSeconds(10), settings.timeout().multipliedBy(settings.maxAttempts() + 1));
    // Few calls: a small window, so that a dead endpoint is noticed after a handful of fingerprints.
    this.breaker = new CircuitBreaker(new CircuitKey(CIRCUIT, settings.model()),
        new BreakerConfig(5, 3, 50, null, Duration.ofMinutes(1), 1), clock,
        (key, from, to, reason) -> log.info("airbag: AI classifier circuit {} -> {} ({})", from.wireName(),
            to.wireName(), reason));
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
    ChatTransport.ChatResponse response = exchange(ChatPrompt.requestBody(settings.model(), review));
    if (response == null) {
      return null;
    }
    Verdict verdict = ChatAnswer.verdict(response.body);
    cache.put(fingerprint, verdict);
    return verdict;
  }

  /** The first 2xx response, or null when attempts, deadline or breaker ran out first. */
  private ChatTransport.ChatResponse exchange(String body) throws InterruptedException {
    Deadline deadline = Deadline.after(clock, policy.deadline());
    long previousDelay = 0;
    for (int attempt = 1; ; attempt++) {
      CircuitBreaker.Permit permit = breaker.tryAcquire();
      // Open circuit: the endpoint failed recently; the rules decide until it recovers.
      if (permit == null) {
        return null;
      }
      long start = clock.nanoTime();
      long hint = RetryPolicy.NO_HINT;
      try {
        ChatTransport.ChatResponse response = transport.post(body);
        long took = clock.nanoTime() - start;
        if (response.status >= 200 && response.status < 300) {
          permit.onSuccess(took);
          return response;
        }
        if (response.status != 429 && response.status < 500) {
          // A 4xx other than 429 (bad key, unknown model) will not change on retry.
          permit.onIgnored();
          warnOnce("answered HTTP " + response.status);
          return null;
        }
        permit.onFailure(took);
        hint = response.retryAfterMillis;
      } catch (IOException e) {
        permit.onFailure(clock.nanoTime() - start);
        warnOnce("failed: " + e);
      }
      long wait = policy.waitNanos(attempt, previousDelay, hint, random.nextDouble());
      if (!policy.allowsAnotherAttempt(attempt) || wait == RetryPolicy.WAIT_TOO_LONG || !deadline.allows(wait)) {
        return null;
      }
      sleeper.sleep(wait);
      previousDelay = wait;
    }
  }

  private void warnOnce(String what) {
    if (warnedStatus.compareAndSet(false, true)) {
      log.warn("airbag: AI classifier at {} {}; the rules decide until it answers (logged once)",
          Redactor.safeEndpoint(settings.endpoint()), what);
    }
  }
}
