package dev.airbag.agent.telemetry.export;

/** A request body ready to post: bytes and their content type, before any gzip. Immutable by convention. */
final class EncodedBatch {
  private final byte[] body;
  private final String contentType;

  EncodedBatch(byte[] body, String contentType) {
    this.body = body;
    this.contentType = contentType;
  }

  byte[] body() {
    return body;
  }

  String contentType() {
    return contentType;
  }
}
