package dev.airbag.agent.exceptions;

/** A fingerprint that no rule or label covers, handed from the app thread to the review worker. Immutable. */
final class ReviewCase {
  private final Fingerprint fingerprint;
  private final String rawMessage;
  private final long seenMillis;

  /** @param rawMessage the unmasked message: masking is the worker's job, off the app thread */
  ReviewCase(Fingerprint fingerprint, String rawMessage, long seenMillis) {
    this.fingerprint = fingerprint;
    this.rawMessage = rawMessage;
    this.seenMillis = seenMillis;
  }

  Fingerprint fingerprint() {
    return fingerprint;
  }

  String rawMessage() {
    return rawMessage;
  }

  long seenMillis() {
    return seenMillis;
  }
}
