package dev.airbag.agent.engine.call;

import java.io.IOException;

/**
 * Hears how a streamed answer goes once the app reads it: by then nothing may be retried, but a stream that breaks
 * or carries an error event is still classified and reported. Called on the app's reading thread.
 */
public interface StreamMonitor {
  /** An SSE error event ({@code event: error}, or a data line holding an error object) passed to the app. */
  void onErrorEvent(byte[] eventData, long bytesDelivered);

  /** The stream broke after {@code bytesDelivered} bytes had reached the app. */
  void onBroken(IOException failure, long bytesDelivered);
}
