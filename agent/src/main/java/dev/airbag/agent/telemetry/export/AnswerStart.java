package dev.airbag.agent.telemetry.export;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads the first {@code limit} bytes of a collector's answer and then cancels the rest, so a huge or endless body
 * costs nothing more; the caller bounds the wait, so a body that trickles cannot hold the sender either. Used for
 * one response at a time.
 */
final class AnswerStart implements HttpResponse.BodySubscriber<String> {
  private final int limit;
  private final byte[] kept;
  private final CompletableFuture<String> result = new CompletableFuture<>();
  private int size;
  private Flow.Subscription subscription;

  AnswerStart(int limit) {
    this.limit = limit;
    this.kept = new byte[limit];
  }

  @Override
  public CompletionStage<String> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int n = Math.min(buffer.remaining(), limit - size);
      buffer.get(kept, size, n);
      size += n;
    }
    if (size >= limit) {
      // Enough to say why: the rest is never read, and the connection is dropped rather than drained.
      subscription.cancel();
      complete();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    // What came before the failure still says why; the status is already known.
    complete();
  }

  @Override
  public void onComplete() {
    complete();
  }

  private void complete() {
    result.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
  }
}
