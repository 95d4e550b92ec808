package dev.airbag.agent.engine.call;

import java.util.concurrent.CompletableFuture;

/**
 * An {@link Exchange} for clients with an asynchronous send ({@code HttpClient.sendAsync}): the engine drives the
 * call without blocking a thread.
 */
public interface AsyncExchange<R> extends Exchange<R> {
  /**
   * Sends one attempt and completes {@code answer} with its response, or exceptionally with an
   * {@link java.io.IOException} for a transport failure. The engine has chained its decision on {@code answer}
   * before it calls this, so the decision runs on whichever thread completes it, at once: an adapter that must have
   * the decision before the app sees a response (a success handed over as its head comes) never waits for it.
   */
  void sendAsync(AttemptRequest attempt, CompletableFuture<R> answer);

  /** Completes {@code answer} as {@code sent} completes, for a client whose send makes a future of its own. */
  static <R> void relay(CompletableFuture<R> sent, CompletableFuture<R> answer) {
    sent.whenComplete((response, failure) -> {
      if (failure == null) {
        answer.complete(response);
      } else {
        answer.completeExceptionally(failure);
      }
    });
  }
}
