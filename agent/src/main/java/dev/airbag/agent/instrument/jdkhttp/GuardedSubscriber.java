package dev.airbag.agent.instrument.jdkhttp;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The app's body subscriber as Airbag drives it in a replay: whatever it throws (an exception, an
 * {@link OutOfMemoryError} while it gathers a huge body) cancels the rest and fails the app's body, as the client
 * does for the subscribers it drives itself, so that the app's call or future always completes. Its body otherwise
 * completes as the app's subscriber completes it. Signals are serial, as reactive streams require.
 */
final class GuardedSubscriber<T> implements HttpResponse.BodySubscriber<T> {
  private final HttpResponse.BodySubscriber<T> app;
  private final CompletableFuture<T> body = new CompletableFuture<>();
  private final AtomicBoolean failed = new AtomicBoolean();
  private volatile Flow.Subscription subscription;

  GuardedSubscriber(HttpResponse.BodySubscriber<T> app) {
    this.app = app;
    try {
      app.getBody().whenComplete((value, failure) -> {
        if (failure == null) {
          body.complete(value);
        } else {
          body.completeExceptionally(failure);
        }
      });
    } catch (RuntimeException | Error broken) {
      fail(broken);
    }
  }

  @Override
  public CompletionStage<T> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription upstream) {
    subscription = upstream;
    if (failed.get()) {
      upstream.cancel();
      return;
    }
    try {
      app.onSubscribe(upstream);
    } catch (RuntimeException | Error thrown) {
      fail(thrown);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (failed.get()) {
      return;
    }
    try {
      app.onNext(items);
    } catch (RuntimeException | Error thrown) {
      fail(thrown);
    }
  }

  @Override
  public void onError(Throwable failure) {
    if (failed.get()) {
      return;
    }
    try {
      app.onError(failure);
    } catch (RuntimeException | Error thrown) {
      fail(thrown);
    }
  }

  @Override
  public void onComplete() {
    if (failed.get()) {
      return;
    }
    try {
      app.onComplete();
    } catch (RuntimeException | Error thrown) {
      fail(thrown);
    }
  }

  private void fail(Throwable thrown) {
    if (!failed.compareAndSet(false, true)) {
      return;
    }
    Flow.Subscription upstream = subscription;
    if (upstream != null) {
      try {
        upstream.cancel();
      } catch (RuntimeException | Error ignored) {
        // The body fails below whatever the cancel does.
      }
    }
    // Tell the app's subscriber too, as the client would; its own future may then complete first, with the same cause.
    try {
      app.onError(thrown);
    } catch (RuntimeException | Error alsoThrown) {
      // Already failing: the body below carries the first cause.
    }
    body.completeExceptionally(thrown);
  }
}
