package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.engine.stream.SseErrorScanner;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The app's own body subscriber, seen through: every buffer passes unchanged, while Airbag counts bytes, watches
 * for SSE error events and notices when the stream breaks. Reactive-streams calls are serial per subscriber.
 */
final class TappedSubscriber<T> implements HttpResponse.BodySubscriber<T> {
  private final HttpResponse.BodySubscriber<T> delegate;
  private final StreamTap tap;
  private final SseErrorScanner scanner;

  TappedSubscriber(HttpResponse.BodySubscriber<T> delegate, StreamTap tap) {
    this.delegate = delegate;
    this.tap = tap;
    this.scanner = new SseErrorScanner(tap::errorEvent);
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    delegate.onSubscribe(subscription);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      // A view, so that the app's subscriber sees the buffer exactly as it came.
      ByteBuffer view = buffer.duplicate();
      tap.delivered(view.remaining());
      while (view.hasRemaining()) {
        scanner.accept(view.get());
      }
    }
    delegate.onNext(buffers);
  }

  @Override
  public void onError(Throwable throwable) {
    tap.broken(throwable);
    delegate.onError(throwable);
  }

  @Override
  public void onComplete() {
    delegate.onComplete();
  }
}
