package dev.airbag.agent.instrument.apache5async.adapter;

import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.stream.SseErrorScanner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;

/**
 * The app's consumer of a streamed answer, every byte passed on unchanged as it comes while Airbag counts them and
 * watches for SSE error events; a break is reported by the attempt's callback. Called by the client one at a time.
 */
final class MonitoredDataConsumer implements AsyncDataConsumer {
  private final AsyncDataConsumer app;
  private final StreamMonitor monitor;
  private final SseErrorScanner scanner;
  private volatile long delivered;

  MonitoredDataConsumer(AsyncDataConsumer app, StreamMonitor monitor) {
    this.app = app;
    this.monitor = monitor;
    this.scanner = new SseErrorScanner(data -> monitor.onErrorEvent(data, delivered));
  }

  /** Reports a break of the stream after what reached the app. */
  void broken(IOException failure) {
    monitor.onBroken(failure, delivered);
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    app.updateCapacity(capacityChannel);
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    // Scanned on a view: the app's consumer reads the buffer itself, and may leave part of it for later.
    ByteBuffer view = src.duplicate();
    int start = view.position();
    app.consume(src);
    int taken = src.position() - start;
    delivered += taken;
    for (int i = 0; i < taken; i++) {
      scanner.accept(view.get());
    }
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
    app.streamEnd(trailers);
  }

  @Override
  public void releaseResources() {
    app.releaseResources();
  }
}
