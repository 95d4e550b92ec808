package dev.airbag.agent.uncaught;

/** A fingerprint that no rule or label covers, handed from the app thread to the review worker. Immutable. */
final class ReviewCase {
  /**
   * The start of the message that is kept while the case waits in the queue: every reader masks and cuts it to
   * far less (at most 4 × 300 chars are scanned), so a message of megabytes need not wait in memory whole.
   */
  static final int MAX_RAW_MESSAGE_CHARS = 2048;

  private final Fingerprint fingerprint;
  private final String rawMessage;
  private final long seenMillis;

  /** @param rawMessage the unmasked message: masking is the worker's job, off the app thread */
  ReviewCase(Fingerprint fingerprint, String rawMessage, long seenMillis) {
    this.fingerprint = fingerprint;
    this.rawMessage = rawMessage == null || rawMessage.length() <= MAX_RAW_MESSAGE_CHARS ? rawMessage
        : rawMessage.substring(0, MAX_RAW_MESSAGE_CHARS);
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
