package dev.airbag.agent.instrument.jdkhttp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * The part of an error body Airbag did not read: the client's subscription, still open, with any item already asked
 * for when Airbag stopped waiting, plus its end if it came before anyone asked. The attempt's fate decides the rest's:
 * {@link #cancel()} when the engine drops the attempt (the client then releases the connection), or {@link #relayTo}
 * when the app gets the response: the app's subscriber receives the bytes Airbag read, then the rest live, its demand
 * passed on to the client and its cancel too, as if it had read the network. Thread-safe (see {@link DemandRelay}).
 */
final class UnreadRest {
  private final DemandRelay<List<ByteBuffer>> relay;

  /** @param inFlight items already asked of the client when Airbag stopped reading (0 or 1) */
  UnreadRest(Flow.Subscription upstream, long inFlight) {
    this.relay = new DemandRelay<>(upstream, inFlight);
  }

  /** Hands the body to {@code subscriber}: {@code read} first, then the rest as the subscriber asks for it. */
  void relayTo(Flow.Subscriber<? super List<ByteBuffer>> subscriber, byte[] read) {
    relay.relayTo(subscriber, List.of(ByteBuffer.wrap(read)));
  }

  void onNext(List<ByteBuffer> items) {
    relay.onNext(items);
  }

  void onError(Throwable error) {
    relay.onError(error);
  }

  void onComplete() {
    relay.onComplete();
  }

  /** Drops the rest; the client then releases the connection. Idempotent. */
  void cancel() {
    relay.cancel();
  }
}
