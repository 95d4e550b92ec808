package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.engine.time.Clock;
import dev.airbag.agent.telemetry.events.Event;
import java.io.IOException;
import java.util.List;

/**
 * The body of a collector sink's thread: take the next batch from the delivery state, post it with no lock
 * held, report the result; repeat until the state says stop. Runs on one thread only.
 */
final class Sender implements Runnable {
  private final DeliveryState state;
  private final BatchEncoder encoder;
  private final Transport transport;
  private final Spool spool;
  private final Clock clock;

  Sender(DeliveryState state, BatchEncoder encoder, Transport transport, Spool spool, Clock clock) {
    this.state = state;
    this.encoder = encoder;
    this.transport = transport;
    this.spool = spool;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      for (Pending pending = state.next(); pending != null; pending = state.next()) {
        state.complete(pending, attempt(pending));
      }
    } catch (InterruptedException e) {
      // close() gave up waiting; what is in memory is spooled below.
    } catch (Throwable t) {
      // Anything unexpected must end in the spool, not in a silently dead thread.
      state.senderFailed(t);
    } finally {
      state.senderStopped();
    }
  }

  SendResult attempt(Pending pending) {
    List<Event> batch = pending.fresh;
    if (batch == null) {
      try {
        // The file is pinned: eviction skips it, so reading it without the lock is safe.
        batch = spool.read(pending.entry);
      } catch (IOException e) {
        return SendResult.unusable("unreadable spool file " + pending.entry.path.getFileName() + ": " + e.getMessage());
      }
    }
    EncodedBatch body;
    try {
      body = encoder.encode(batch);
    } catch (RuntimeException e) {
      return SendResult.unusable("events could not be encoded: " + e);
    }
    try {
      return SendResult.of(transport.send(body, pending.timeoutNanos), clock.currentTimeMillis());
    } catch (IOException | RuntimeException e) {
      return SendResult.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SendResult.failed(e);
    }
  }
}
