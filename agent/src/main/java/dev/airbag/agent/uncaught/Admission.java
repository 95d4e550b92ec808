package dev.airbag.agent.uncaught;

/**
 * The rate limiter's answer for one occurrence of a fingerprint: emit an event (carrying how many occurrences
 * were suppressed since the last one), or count it. Immutable.
 */
final class Admission {
  private final boolean emit;
  private final long suppressed;
  private final boolean firstSeen;
  private final Verdict lastVerdict;

  Admission(boolean emit, long suppressed, boolean firstSeen, Verdict lastVerdict) {
    this.emit = emit;
    this.suppressed = suppressed;
    this.firstSeen = firstSeen;
    this.lastVerdict = lastVerdict;
  }

  boolean emit() {
    return emit;
  }

  /** Occurrences folded into this event since the previous one of the fingerprint. */
  long suppressed() {
    return suppressed;
  }

  /** Whether this is the fingerprint's first occurrence since the process started (or since it was evicted). */
  boolean firstSeen() {
    return firstSeen;
  }

  /** The verdict of the fingerprint's last event, for counting a suppressed occurrence; null before one. */
  Verdict lastVerdict() {
    return lastVerdict;
  }
}
