package dev.airbag.agent.instrument.reactornetty.adapter;

import dev.airbag.agent.instrument.ErrorBodyWait;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.context.ContextView;

/**
 * One attempt in flight: a subscription to the client's own connect, armed in its connection's pipeline as its request
 * is prepared ({@link AttemptHandler}: the {@link HeldRequest} on a call's first attempt, a {@link ResponseWatch} on
 * each). Its answer completes when the response's headers have come and an error body was read as far as it will be,
 * or with the attempt's failure as an {@link IOException}. Thread-safe.
 */
final class AttemptSubscription {
  private static final Disposable CANCELED = () -> { };

  private final CompletableFuture<NettyAttempt> answer = new CompletableFuture<>();
  // Set once the headers came, the attempt failed or it timed out: whichever was first decides.
  private final AtomicBoolean settled = new AtomicBoolean();
  private final HeldRequest hold;
  private final ResponseWatch watch;
  private final Mono<? extends HttpClientResponse> connect;
  private final AtomicReference<Disposable> subscription = new AtomicReference<>();

  /**
   * Ready to {@link #subscribe}, in the app's context; {@code hold} is the call's held request on its first attempt,
   * else null.
   */
  AttemptSubscription(HttpClient client, HeldRequest hold, int maxErrorBodyBytes, ContextView context) {
    this.hold = hold;
    ResponseWatch watch = new ResponseWatch(maxErrorBodyBytes, ErrorBodyWait.nanos(Long.MAX_VALUE));
    this.watch = watch;
    AtomicBoolean armed = new AtomicBoolean();
    HttpClient watched = client.doOnRequest((request, connection) -> {
      // Once: a redirect's request may go out on another connection, and the held request is written once.
      if (armed.compareAndSet(false, true)) {
        AttemptHandler.arm(connection.channel(), hold, watch);
      }
    });
    this.connect = ConnectHook.responded(watched).contextWrite(context);
  }

  /** Sends the attempt, unless it was cancelled first. */
  void subscribe() {
    if (subscription.get() != null) {
      return;
    }
    Disposable subscribed = connect.subscribe(this::responded,
        failure -> fail(NettyFailure.asIo(failure)),
        // Completion follows every answer: an exception (its stack filled in) only when there was none.
        () -> {
          if (!settled.get()) {
            fail(new IOException("no response"));
          }
        });
    if (!subscription.compareAndSet(null, subscribed)) {
      subscribed.dispose();
    }
  }

  CompletableFuture<NettyAttempt> answer() {
    return answer;
  }

  private void responded(HttpClientResponse headers) {
    if (!settled.compareAndSet(false, true)) {
      // Too late (timed out): nobody will read it.
      ((Connection) headers).dispose();
      return;
    }
    if (headers.status().code() < 400) {
      answer.complete(NettyAttempt.of(headers, watch, null));
      return;
    }
    // A watch that never saw the response (not in this pipeline) has nothing to wait for.
    if (!watch.sawResponse()) {
      answer.complete(NettyAttempt.of(headers, watch, new byte[0]));
      return;
    }
    watch.errorBody().thenAccept(bytes -> answer.complete(NettyAttempt.of(headers, watch, bytes)));
  }

  private boolean fail(IOException failure) {
    return settled.compareAndSet(false, true) && answer.completeExceptionally(failure);
  }

  /** Cancels the attempt: Reactor Netty closes its connection, and what was held is released. */
  void cancel() {
    Disposable subscribed = subscription.getAndSet(CANCELED);
    if (subscribed != null) {
      subscribed.dispose();
    }
    if (hold != null) {
      hold.abandon();
    }
  }

  /**
   * Fails the attempt if its response headers have not come within {@code millis} (0: no limit), and cancels it. Only
   * the headers: a stream's pauses after them are the client's to bound, as without Airbag.
   */
  void timeOutAfter(long millis) {
    if (millis <= 0) {
      return;
    }
    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> {
      if (!settled.get()
          && fail(new SocketTimeoutException("no response within the first-byte timeout of " + millis + " ms"))) {
        cancel();
      }
    });
  }
}
