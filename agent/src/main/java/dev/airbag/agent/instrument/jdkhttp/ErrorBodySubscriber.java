package dev.airbag.agent.instrument.jdkhttp;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an error response's body for Airbag, one item at a time and no further than a bound: a body that ends
 * within {@code limit} bytes becomes a whole {@link ErrorBody}; a longer one (a proxy's megabytes of logs, an
 * endless stream) completes the body early with the bytes read so far and the still-open subscription as its
 * {@link UnreadRest}, so that Airbag's memory stays bounded whatever the provider sends. The client may complete a
 * body before the stream ends, as {@code BodySubscribers.ofInputStream} does. Signals after the hand-off go to the
 * rest. Not thread-safe by itself: the client signals a subscriber serially, as reactive streams require.
 */
final class ErrorBodySubscriber implements HttpResponse.BodySubscriber<ErrorBody> {
  private final int limit;
  private final CompletableFuture<ErrorBody> body = new CompletableFuture<>();
  private ByteArrayOutputStream read = new ByteArrayOutputStream();
  private Flow.Subscription upstream;
  private UnreadRest rest;

  ErrorBodySubscriber(int limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<ErrorBody> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    // Reactive streams: a second subscription must be cancelled.
    if (upstream != null) {
      subscription.cancel();
      return;
    }
    upstream = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (rest != null) {
      rest.onNext(items);
      return;
    }
    for (ByteBuffer item : items) {
      ByteBuffer view = item.duplicate();
      byte[] chunk = new byte[view.remaining()];
      view.get(chunk);
      read.write(chunk, 0, chunk.length);
    }
    if (read.size() <= limit) {
      upstream.request(1);
      return;
    }
    // Past the bound: stop asking, so the client stops reading; what follows waits on the wire.
    rest = new UnreadRest(upstream);
    byte[] prefix = read.toByteArray();
    read = null;
    body.complete(new ErrorBody(prefix, rest));
  }

  @Override
  public void onError(Throwable failure) {
    if (rest != null) {
      rest.onError(failure);
    } else {
      body.completeExceptionally(failure);
    }
  }

  @Override
  public void onComplete() {
    if (rest != null) {
      rest.onComplete();
    } else {
      body.complete(new ErrorBody(read.toByteArray(), null));
      read = null;
    }
  }
}
