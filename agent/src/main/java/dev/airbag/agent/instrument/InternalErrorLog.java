package dev.airbag.agent.instrument;

import dev.airbag.agent.engine.call.InternalErrorListener;
import dev.airbag.agent.log.AgentLog;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one place an Airbag bug is said: once per JVM, naming where it happened and what it was, because a bug
 * that fires on every call would otherwise flood the app's log. Thread-safe.
 */
public final class InternalErrorLog implements InternalErrorListener {
  private final AtomicBoolean reported = new AtomicBoolean();

  @Override
  public void onInternalError(String where, Throwable error) {
    if (reported.compareAndSet(false, true)) {
      AgentLog.logger().error(
          "internal error in {} ({}); this call proceeds as without Airbag. Further internal errors are not logged.",
          where, error.toString());
    }
  }
}
