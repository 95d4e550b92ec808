package dev.airbag.agent.engine.call;

import java.util.concurrent.CompletableFuture;

/**
 * An {@link Exchange} for clients with an asynchronous send ({@code HttpClient.sendAsync}): the engine drives the
 * call without blocking a thread. The future fails with an {@link java.io.IOException} for a transport failure.
 */
public interface AsyncExchange<R> extends Exchange<R> {
  CompletableFuture<R> sendAsync(AttemptRequest attempt);
}
