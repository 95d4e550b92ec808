package dev.airbag.agent.telemetry.export;

import java.io.IOException;

/** Posts one encoded batch to a collector. Used by one sender thread at a time; close must not throw. */
interface Transport extends AutoCloseable {
  /**
   * Posts the batch and returns the collector's answer, whatever its status.
   *
   * @param timeoutNanos the longest the whole exchange may take
   * @throws IOException when no answer came (refused, reset, timed out)
   */
  CollectorResponse send(EncodedBatch batch, long timeoutNanos) throws IOException, InterruptedException;

  @Override
  void close();
}
