package dev.airbag.agent.instrument.okhttp.adapter;

import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.stream.SseErrorScanner;
import java.io.IOException;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

/**
 * A streamed response body that passes every byte to the app unchanged while counting them, watching for SSE
 * error events and noticing when the stream breaks. Read by one thread at a time, like any response body.
 */
final class MonitoredResponseBody extends WrappedResponseBody {
  private final StreamMonitor monitor;

  MonitoredResponseBody(ResponseBody delegate, StreamMonitor monitor) {
    super(delegate);
    this.monitor = monitor;
  }

  @Override
  Source wrapSource() {
    return new Monitoring(delegate.source());
  }

  @Override
  public void close() {
    delegate.close();
  }

  private final class Monitoring extends ForwardingSource {
    private long delivered;
    private final SseErrorScanner scanner = new SseErrorScanner(data -> monitor.onErrorEvent(data, delivered));

    Monitoring(okio.Source source) {
      super(source);
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long read;
      try {
        read = super.read(sink, byteCount);
      } catch (IOException broken) {
        monitor.onBroken(broken, delivered);
        throw broken;
      }
      if (read > 0) {
        // Counted first: the read that carries an error event reaches the app with it, as the java.net.http tap counts.
        delivered += read;
        long end = sink.size();
        for (long i = end - read; i < end; i++) {
          scanner.accept(sink.getByte(i));
        }
      }
      return read;
    }
  }
}
