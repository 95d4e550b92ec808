package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import java.util.List;

/** Turns a batch of events into one request body for a collector's wire format. Implementations are stateless. */
interface BatchEncoder {
  /** Encodes a non-empty batch, oldest first; a RuntimeException means the batch can never be encoded. */
  EncodedBatch encode(List<Event> batch);
}
