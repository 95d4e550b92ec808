package dev.airbag.agent.telemetry.metrics;

import dev.airbag.bootstrap.ReentrancyGuard;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends OTLP metrics through Micrometer's own sender inside {@link ReentrancyGuard}, so that Airbag's hooks let
 * the push pass untouched should they ever watch its HTTP client. A failed push is counted and logged at most once
 * a minute, without stack trace, instead of Micrometer's warning with a stack trace at every step; the next step
 * sends the cumulative values again, so nothing is lost but resolution. Thread-safe.
 */
final class GuardedOtlpSender implements OtlpMetricsSender {
  private final OtlpMetricsSender delegate;
  private final QuietFailures failures;
  private final AtomicLong sent = new AtomicLong();

  GuardedOtlpSender(OtlpMetricsSender delegate, QuietFailures failures) {
    this.delegate = delegate;
    this.failures = failures;
  }

  @Override
  public void send(Request request) {
    ReentrancyGuard.enter();
    try {
      delegate.send(request);
      sent.incrementAndGet();
    } catch (Exception e) {
      failures.report("pushing OTLP metrics to " + request.getAddress(), e);
    } finally {
      ReentrancyGuard.exit();
    }
  }

  /** Pushes that the collector accepted. */
  long sent() {
    return sent.get();
  }
}
