package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.call.CallListener;
import dev.airbag.agent.engine.call.CallRecord;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.redact.RecentCredentials;
import dev.airbag.agent.engine.redact.RequestCredentials;

/**
 * Remembers (hashed, see {@link RecentCredentials}) the credentials of every LLM call that failed at least once,
 * since the exception an SDK throws afterwards may echo the provider's message with the key in it. A healthy call
 * costs nothing: its headers are never read. Thread-safe.
 */
public final class FailedCallCredentials implements CallListener {
  private final RecentCredentials recent;

  public FailedCallCredentials(RecentCredentials recent) {
    this.recent = recent;
  }

  @Override
  public void onCallFinished(CallRecord record) {
    if (record.outcome() == Outcome.SUCCEEDED && record.failure() == null) {
      return;
    }
    recent.remember(RequestCredentials.of(record.request()));
  }
}
