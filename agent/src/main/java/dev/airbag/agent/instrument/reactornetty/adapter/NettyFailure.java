package dev.airbag.agent.instrument.reactornetty.adapter;

import java.io.IOException;

/**
 * A failure of an attempt that is not an {@link IOException} (Netty's read timeout, a TLS handshake error), carried
 * as one so that the engine classifies it as a transport failure; the app gets the original back.
 */
final class NettyFailure extends IOException {
  private NettyFailure(Throwable cause) {
    super(cause.toString(), cause);
  }

  static IOException asIo(Throwable failure) {
    return failure instanceof IOException ? (IOException) failure : new NettyFailure(failure);
  }

  /** What the app would have seen: the failure Airbag carried, unwrapped. */
  static Throwable original(Throwable failure) {
    return failure instanceof NettyFailure ? failure.getCause() : failure;
  }
}
