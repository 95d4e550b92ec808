package dev.airbag.agent.instrument.apache5async.adapter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;

/**
 * A failed answer's body while the engine decides. Kept up to the bound; past it ({@link #cut()}) the client's flow
 * control leaves the rest on the connection, no more than one read past the bound kept here, until the answer goes
 * to the app ({@link #relayTo}), which then reads the rest as it comes, or is dropped with its connection
 * ({@link #drop}). Called by the client's I/O thread and by the thread the engine decides on: guarded by its lock.
 */
final class HeldFailure implements AsyncDataConsumer {
  private final int maxBytes;
  private final Runnable onCut;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private ByteArrayOutputStream past = new ByteArrayOutputStream();
  private CapacityChannel capacity;
  private AsyncDataConsumer relay;
  private boolean cut;
  private boolean dropped;
  private boolean ended;
  private List<? extends Header> trailers;
  private boolean wireDone;
  private Exception wireFailure;

  /** @param onCut run once, outside the lock, when the body goes past the bound: the engine decides then */
  HeldFailure(int maxBytes, Runnable onCut) {
    this.maxBytes = maxBytes;
    this.onCut = onCut;
  }

  synchronized byte[] kept() {
    return kept.toByteArray();
  }

  /** True once the body went past the bound: the answer was given to the engine before its end. */
  synchronized boolean cut() {
    return cut;
  }

  @Override
  public synchronized void updateCapacity(CapacityChannel channel) throws IOException {
    capacity = channel;
    if (relay != null) {
      relay.updateCapacity(channel);
    } else if (dropped) {
      channel.update(Integer.MAX_VALUE);
    } else if (!cut) {
      // Room up to the bound only: past it the rest waits on the connection.
      channel.update(Math.max(1, maxBytes - kept.size()));
    }
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    boolean cutNow = false;
    synchronized (this) {
      if (relay != null) {
        relay.consume(src);
        return;
      }
      if (!cut) {
        int keep = Math.min(src.remaining(), maxBytes - kept.size());
        write(kept, src, keep);
        cutNow = cut = src.hasRemaining();
      }
      if (dropped) {
        src.position(src.limit());
      } else {
        write(past, src, src.remaining());
      }
    }
    if (cutNow) {
      onCut.run();
    }
  }

  private static void write(ByteArrayOutputStream out, ByteBuffer src, int length) {
    if (length > 0) {
      byte[] chunk = new byte[length];
      src.get(chunk);
      out.write(chunk, 0, length);
    }
  }

  @Override
  public synchronized void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
    if (relay != null) {
      relay.streamEnd(trailers);
      return;
    }
    ended = true;
    this.trailers = trailers;
  }

  @Override
  public synchronized void releaseResources() {
    if (relay != null) {
      relay.releaseResources();
    }
  }

  /**
   * The client says the exchange is over ({@code failure} null when whole). True when the app's consumer reads this
   * body already: the caller then tells the app; else {@link #relayTo} will.
   */
  synchronized boolean wireDone(Exception failure) {
    wireDone = true;
    wireFailure = failure;
    return relay != null;
  }

  /**
   * Hands the body to the app's consumer: what is kept, then the rest as it comes. Returns null while the exchange goes
   * on (the attempt's callback tells the app when it ends), else how it ended: {@link #WHOLE} or its failure.
   */
  synchronized Object relayTo(AsyncDataConsumer app) throws HttpException, IOException {
    relay = app;
    if (kept.size() > 0) {
      app.consume(ByteBuffer.wrap(kept.toByteArray()));
    }
    if (past.size() > 0) {
      app.consume(ByteBuffer.wrap(past.toByteArray()));
    }
    past = null;
    if (ended) {
      app.streamEnd(trailers);
    }
    if (capacity != null && !wireDone) {
      app.updateCapacity(capacity);
    }
    return !wireDone ? null : wireFailure != null ? wireFailure : WHOLE;
  }

  /** Nobody will read the rest. True, once, when it is still on the connection, which must then be closed. */
  synchronized boolean drop() {
    // The app's own once relayed; dropped once.
    if (relay != null || dropped) {
      return false;
    }
    dropped = true;
    past = new ByteArrayOutputStream();
    return cut && !wireDone;
  }

  /** The exchange ended whole. */
  static final Object WHOLE = new Object();

  /** Reads a body nobody wants (an app's callback that asked for none). */
  static final AsyncDataConsumer DISCARD = new AsyncDataConsumer() {
    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
      channel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) {
      src.position(src.limit());
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {}

    @Override
    public void releaseResources() {}
  };
}
