package dev.airbag.agent.telemetry.health;

import dev.airbag.agent.telemetry.metrics.Totals;

/**
 * What the app saw of its LLM calls over a recent window: how many were made, served (by the model asked for or
 * by a fallback) and failed. A call a fallback model served is a served call: this side says {@code ok} while
 * the providers' side may say {@code down}. Immutable.
 */
public final class AppHealth {
  private final long calls;
  private final long served;
  private final long servedByFallback;
  private final String window;

  /** @param window the span the counts cover, in words ({@code 5m}, or {@code since start}) */
  public AppHealth(Totals totals, String window) {
    this.calls = totals.calls;
    this.served = Math.min(totals.served, totals.calls);
    this.servedByFallback = Math.min(totals.servedByFallback, served);
    this.window = window;
  }

  /** ok: every call served (no call at all included); down: none served; degraded: some failed. */
  public HealthStatus status() {
    if (served == calls) {
      return HealthStatus.OK;
    }
    return served == 0 ? HealthStatus.DOWN : HealthStatus.DEGRADED;
  }

  public long calls() {
    return calls;
  }

  public long served() {
    return served;
  }

  public long servedByFallback() {
    return servedByFallback;
  }

  public long failed() {
    return calls - served;
  }

  public String window() {
    return window;
  }

  /** One sentence for people: {@code 38 of 40 calls served (12 by a fallback model), 2 failed (last 5m)}. */
  public String reason() {
    String span = window.startsWith("since") ? " (" + window + ")" : " (last " + window + ")";
    if (calls == 0) {
      return "no LLM calls" + span;
    }
    String byFallback = servedByFallback == 0 ? "" : " (" + servedByFallback + " by a fallback model)";
    String failed = failed() == 0 ? "" : ", " + failed() + " failed";
    return served + " of " + calls + " calls served" + byFallback + failed + span;
  }
}
