package dev.airbag.agent.engine.call;

/**
 * Thrown by the pipeline when Airbag's own code failed before the network gave anything the app could have: the
 * adapter then sends the app's original request as without Airbag. The failure was already reported to the
 * {@link InternalErrorListener}, so adapters must not report it again. Never reaches the app.
 */
public final class InternalFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InternalFailure(Throwable cause) {
    // No stack of its own: it only carries the cause to the adapter.
    super("Airbag failed before the first response; the call runs as without Airbag", cause, false, false);
  }
}
