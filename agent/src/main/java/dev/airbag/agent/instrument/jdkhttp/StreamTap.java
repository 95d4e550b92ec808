package dev.airbag.agent.instrument.jdkhttp;

import dev.airbag.agent.engine.call.StreamMonitor;
import java.io.IOException;

/**
 * Connects the bytes a streamed response delivers to the engine's monitor, which is only known once the engine
 * has decided to hand this response to the app. What happens before then is kept and told on attachment.
 * Thread-safe: the JDK delivers on its own threads.
 */
final class StreamTap {
  private StreamMonitor monitor;
  private byte[] pendingError;
  private IOException pendingBreak;
  private long delivered;

  synchronized void attach(StreamMonitor attached) {
    this.monitor = attached;
    if (pendingError != null) {
      attached.onErrorEvent(pendingError, delivered);
    }
    if (pendingBreak != null) {
      attached.onBroken(pendingBreak, delivered);
    }
  }

  synchronized void delivered(long bytes) {
    delivered += bytes;
  }

  synchronized long deliveredSoFar() {
    return delivered;
  }

  synchronized void errorEvent(byte[] data) {
    if (monitor != null) {
      monitor.onErrorEvent(data, delivered);
    } else if (pendingError == null) {
      pendingError = data;
    }
  }

  synchronized void broken(Throwable failure) {
    IOException asIo = failure instanceof IOException ? (IOException) failure : new IOException(failure);
    if (monitor != null) {
      monitor.onBroken(asIo, delivered);
    } else if (pendingBreak == null) {
      pendingBreak = asIo;
    }
  }
}
