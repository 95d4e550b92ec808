package dev.airbag.agent.instrument.jdkhttp;

/**
 * The body of an error response as Airbag holds it until it knows whether the app will see this response (then
 * it is replayed into the app's own body handler) or not (a retried attempt, then it is dropped). Either the whole
 * body, or, for a body longer than Airbag reads or slower than it waits for, its first bytes and the
 * {@link UnreadRest} still on the wire. A distinct type, so that a held error can never be mistaken for a body of
 * the app's own type. Immutable.
 */
final class HeldErrorBody {
  /** The whole body, or its first bytes when {@link #rest} is not null. */
  final byte[] bytes;
  /** The part not read yet, or null when {@link #bytes} is the whole body. */
  final UnreadRest rest;
  /** True when the wait ran out before the byte bound: the bytes are only what came in time. */
  final boolean cutByTime;

  HeldErrorBody(byte[] bytes, UnreadRest rest, boolean cutByTime) {
    this.bytes = bytes;
    this.rest = rest;
    this.cutByTime = cutByTime;
  }
}
