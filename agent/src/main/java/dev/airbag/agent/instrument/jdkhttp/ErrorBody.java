package dev.airbag.agent.instrument.jdkhttp;

/**
 * The buffered body of an error response, held by Airbag until it knows whether the app will see this response
 * (then it is replayed into the app's own body handler) or not (a retried attempt). A distinct type, so that a
 * buffered error can never be mistaken for a body of the app's own type.
 */
final class ErrorBody {
  final byte[] bytes;

  ErrorBody(byte[] bytes) {
    this.bytes = bytes;
  }
}
