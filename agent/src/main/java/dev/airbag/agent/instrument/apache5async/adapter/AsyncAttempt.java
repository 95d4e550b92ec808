package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.engine.call.StreamMonitor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;

/**
 * One attempt's answer: a success, live (its body still on the wire, for the app's consumer alone), or a failure
 * held whole (its body kept up to the bound, the rest drained so the connection can serve the next attempt), or an
 * answer Airbag made up. Written by the client's thread of the attempt, read after {@link #answer} completes.
 */
final class AsyncAttempt {
  final CompletableFuture<AsyncAttempt> answer = new CompletableFuture<>();
  final AtomicBoolean delivered = new AtomicBoolean();
  volatile HttpResponse response;
  volatile EntityDetails details;
  volatile boolean live;
  volatile StreamMonitor monitor;
  volatile AsyncDataConsumer appConsumer;
  private volatile Held held;
  private volatile byte[] madeUp;

  static AsyncAttempt madeUp(HttpResponse response, EntityDetails details, byte[] body) {
    AsyncAttempt attempt = new AsyncAttempt();
    attempt.response = response;
    attempt.details = details;
    attempt.madeUp = body;
    return attempt;
  }

  /** The consumer that holds this failed answer's body, up to {@code maxBytes}. */
  AsyncDataConsumer hold(HttpResponse failed, EntityDetails entity, int maxBytes) {
    response = failed;
    details = entity;
    held = new Held(maxBytes);
    return held;
  }

  /** The body Airbag holds: the made-up one, or the start of a failed one; empty for a live answer. */
  byte[] body() {
    if (madeUp != null) {
      return madeUp;
    }
    Held body = held;
    return body == null ? new byte[0] : body.bytes();
  }

  /** Keeps up to its bound and drops the rest, taking all the client gives. */
  private static final class Held implements AsyncDataConsumer {
    private final int maxBytes;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Held(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    synchronized byte[] bytes() {
      return out.toByteArray();
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws java.io.IOException {
      capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public synchronized void consume(ByteBuffer src) {
      int keep = Math.min(src.remaining(), maxBytes - out.size());
      if (keep > 0) {
        byte[] chunk = new byte[keep];
        src.get(chunk);
        out.write(chunk, 0, keep);
      }
      src.position(src.limit());
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {}

    @Override
    public void releaseResources() {}
  }
}
