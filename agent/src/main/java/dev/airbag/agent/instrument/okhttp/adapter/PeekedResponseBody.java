package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.instrument.BodyReadThreads;
import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.Source;
import okio.Timeout;

/**
 * An error response's body that Airbag peeks at without holding the app: the peek runs on a helper thread
 * ({@link BodyPeek}) and Airbag waits for it only so long; the app's reads then wait for the helper's current read
 * (as long as its own read would have waited) and go on from the network, every byte unchanged. A close before
 * the helper is done closes the body when it is. Read by one thread at a time, like any response body.
 */
final class PeekedResponseBody extends WrappedResponseBody {
  private final AttemptConnection connection;
  private BodyPeek peek;

  PeekedResponseBody(ResponseBody delegate, AttemptConnection connection) {
    super(delegate);
    this.connection = connection;
  }

  /** At most {@code maxBytes} of the body, waiting at most {@code waitNanos} for them; the bytes stay for the app. */
  byte[] peek(int maxBytes, long waitNanos) {
    if (peek == null) {
      peek = new BodyPeek(delegate.source(), maxBytes);
      BodyReadThreads.executor().execute(peek);
    }
    return peek.await(waitNanos);
  }

  /** True when the wait ran out before the body's end and {@code maxBytes}. */
  boolean cutShort() {
    return peek != null && peek.cutShort();
  }

  @Override
  Source wrapSource() {
    return new AfterPeek();
  }

  @Override
  public void close() {
    if (peek == null || peek.isDone()) {
      delegate.close();
      return;
    }
    BodyPeek running = peek;
    running.stop();
    // OkHttp sends again only once this body is closed, and closing it under the helper's read would race it.
    if (!connection.abort(delegate, running::awaitQuietly)) {
      running.stopThen(delegate::close);
    }
  }

  /** The network body, once the helper has handed it over: what it read first, then its failure or the rest. */
  private final class AfterPeek implements Source {
    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      BufferedSource wire = delegate.source();
      if (peek != null) {
        peek.stopAndAwait();
        IOException failed = peek.failure();
        if (failed != null) {
          Buffer read = wire.buffer();
          if (read.size() == 0) {
            throw failed;
          }
          return read.read(sink, Math.min(byteCount, read.size()));
        }
      }
      return wire.read(sink, byteCount);
    }

    @Override
    public Timeout timeout() {
      return delegate.source().timeout();
    }

    @Override
    public void close() {
      PeekedResponseBody.this.close();
    }
  }
}
