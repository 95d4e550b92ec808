package dev.airbag.agent.instrument;

import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.stream.SseErrorScanner;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A streamed answer's body as the app reads it: every byte passed on unchanged, as soon as it comes, while Airbag
 * counts them, watches for SSE error events and notices a break. Read by one thread at a time, like any body.
 */
public final class MonitoredInputStream extends FilterInputStream {
  private final StreamMonitor monitor;
  private final SseErrorScanner scanner;
  private long delivered;

  public MonitoredInputStream(InputStream in, StreamMonitor monitor) {
    super(in);
    this.monitor = monitor;
    this.scanner = new SseErrorScanner(data -> monitor.onErrorEvent(data, delivered));
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = super.read();
    } catch (IOException broken) {
      monitor.onBroken(broken, delivered);
      throw broken;
    }
    if (b >= 0) {
      delivered++;
      scanner.accept((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read;
    try {
      read = super.read(buffer, offset, length);
    } catch (IOException broken) {
      monitor.onBroken(broken, delivered);
      throw broken;
    }
    if (read > 0) {
      // Counted first: the read that carries an error event reaches the app with it, as the other clients count.
      delivered += read;
      for (int i = offset; i < offset + read; i++) {
        scanner.accept(buffer[i]);
      }
    }
    return read;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes still reach past the app: counted, not scanned (an error event skipped is not one it saw).
    long skipped = super.skip(n);
    delivered += Math.max(0, skipped);
    return skipped;
  }
}
