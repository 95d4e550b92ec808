package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.redact.TextMask;
import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The one entry point of the capture hooks: fingerprints an exception, rate-limits it per fingerprint,
 * classifies it, and offers an event of kind {@code exception}. On the app thread it computes a fingerprint
 * and takes one short lock; only the (at most {@code max-per-minute}) occurrences that become events are also
 * classified, redacted and enqueued. The AI classifier and the pending-review file are handled by a worker
 * thread, never here.
 *
 * <p>Never throws: a failure inside is counted ({@link #failures()}) and logged at most once a minute.
 * Exceptions reported while Airbag itself is at work on the thread ({@link ReentrancyGuard}) are ignored, so
 * Airbag can never report, or recurse into, its own failures. Thread-safe.
 */
public final class ExceptionReporter implements AutoCloseable {
  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final AppFrames appFrames;
  private final FingerprintStates states;
  private final ExceptionClassifier classifier;
  private final ExceptionEventWriter writer;
  private final Consumer<Event> events;
  private final ExceptionMetricsListener metrics;
  private final ReviewWorker reviews;
  private final Clock clock;
  private final TextMask secrets;
  private final Logger log;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong lastFailureLog = new AtomicLong();

  ExceptionReporter(ExceptionReporterBuilder b, ExceptionClassifier classifier, ReviewWorker reviews) {
    this.appFrames = AppFrames.excluding(b.settings.libraryPrefixes());
    this.states = new FingerprintStates(b.settings.maxFingerprints(), b.settings.maxPerMinute(), MINUTE_NANOS);
    this.classifier = classifier;
    this.writer = new ExceptionEventWriter(b.clock, b.service, b.host, b.settings.stackFrames(), b.secrets);
    this.events = b.events;
    this.metrics = b.metrics;
    this.reviews = reviews;
    this.clock = b.clock;
    this.secrets = b.secrets;
    this.log = b.log;
  }

  /** Starts building a reporter; see {@link ExceptionReporterBuilder}. */
  public static ExceptionReporterBuilder builder(ExceptionSettings settings) {
    return new ExceptionReporterBuilder(settings);
  }

  /**
   * Reports an exception the app did not handle.
   *
   * @param thread the thread it escaped or was captured on; null means the current thread
   * @param context what the hook knows of the request: {@code http.method} and {@code url.path} are kept,
   *     every other key is ignored; may be null
   */
  public void report(Throwable error, Thread thread, CaptureSource source, Map<String, String> context) {
    // Airbag's own work on this thread failed, or we are already inside report(): never report ourselves.
    if (error == null || ReentrancyGuard.isActive()) {
      return;
    }
    ReentrancyGuard.enter();
    try {
      handle(error, thread == null ? Thread.currentThread() : thread,
          source == null ? CaptureSource.UNCAUGHT : source, context);
    } catch (Throwable t) {
      failed(t);
    } finally {
      ReentrancyGuard.exit();
    }
  }

  /** Failures inside {@link #report} so far (each one swallowed). */
  public long failures() {
    return failures.get();
  }

  /** Stops the review worker; later reports still produce events. */
  @Override
  public void close() {
    if (reviews != null) {
      reviews.close();
    }
  }

  private void handle(Throwable error, Thread thread, CaptureSource source, Map<String, String> context) {
    List<Throwable> chain = CauseChain.of(error);
    Fingerprint fingerprint = Fingerprint.of(error, chain, appFrames);
    Admission admission = states.admit(fingerprint.value(), clock.nanoTime());
    if (!admission.emit()) {
      Verdict last = admission.lastVerdict();
      if (last != null) {
        metrics.onException(last.category(), last.severity(), source);
      }
      return;
    }
    Verdict verdict = classifier.classify(chain, fingerprint);
    states.remember(fingerprint.value(), verdict);
    if (reviews != null && needsReview(verdict)) {
      reviews.submit(new ReviewCase(fingerprint, secrets.mask(StackLines.safeMessage(error)),
          clock.currentTimeMillis()));
    }
    events.accept(writer.write(chain, fingerprint, verdict, admission, thread.getName(), source, context));
    metrics.onException(verdict.category(), verdict.severity(), source);
  }

  /** Unlabelled fingerprints go to review; so do AI-labelled ones, so that a person can confirm the label. */
  private static boolean needsReview(Verdict verdict) {
    return verdict.labelledBy() == LabelSource.UNLABELLED || verdict.labelledBy() == LabelSource.AI;
  }

  private void failed(Throwable t) {
    long n = failures.incrementAndGet();
    long now = clock.nanoTime();
    long last = lastFailureLog.get();
    // The first failure always logs; the CAS lets one of several racing threads log per minute.
    if ((n == 1 || now - last >= MINUTE_NANOS) && lastFailureLog.compareAndSet(last, now)) {
      log.warn("airbag: reporting an exception failed ({} failures so far): {}", n, t.toString());
    }
  }
}
