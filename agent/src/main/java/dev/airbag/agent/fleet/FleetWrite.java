package dev.airbag.agent.fleet;

import java.util.Objects;

/**
 * One change an instance makes to the fleet's state of a circuit. Each kind is one small atomic script in Redis.
 * Immutable.
 */
final class FleetWrite {
  /** What the write does; {@code millis} means what each kind says. */
  enum Kind {
    /** Opens until {@code millis}, unless already open for longer; gives up this instance's probe lease. */
    OPEN,
    /** Closes, clears the counts, gives up this instance's probe lease. */
    CLOSE,
    /** Takes the probe lease for {@code millis} if nobody holds it. */
    ACQUIRE_PROBE,
    /** Keeps this instance's probe lease for {@code millis} more. */
    RENEW_PROBE,
    /** A rate-limit cooldown for {@code credential} until {@code millis}, unless one runs longer. */
    COOLDOWN
  }

  private final Kind kind;
  private final String circuit;
  private final long millis;
  private final String reason;
  private final String credential;

  private FleetWrite(Kind kind, String circuit, long millis, String reason, String credential) {
    this.kind = kind;
    this.circuit = Objects.requireNonNull(circuit, "circuit");
    this.millis = millis;
    this.reason = reason == null ? "" : reason.replace('\n', ' ').replace('\r', ' ');
    this.credential = credential == null ? "" : credential;
  }

  static FleetWrite open(String circuit, long untilMillis, String reason) {
    return new FleetWrite(Kind.OPEN, circuit, untilMillis, reason, null);
  }

  static FleetWrite close(String circuit, String reason) {
    return new FleetWrite(Kind.CLOSE, circuit, 0, reason, null);
  }

  static FleetWrite acquireProbe(String circuit, long leaseMillis) {
    return new FleetWrite(Kind.ACQUIRE_PROBE, circuit, leaseMillis, null, null);
  }

  static FleetWrite renewProbe(String circuit, long leaseMillis) {
    return new FleetWrite(Kind.RENEW_PROBE, circuit, leaseMillis, null, null);
  }

  static FleetWrite cooldown(String circuit, String credential, long untilMillis) {
    return new FleetWrite(Kind.COOLDOWN, circuit, untilMillis, null, Objects.requireNonNull(credential));
  }

  Kind kind() {
    return kind;
  }

  String circuit() {
    return circuit;
  }

  long millis() {
    return millis;
  }

  String reason() {
    return reason;
  }

  String credential() {
    return credential;
  }

  @Override
  public String toString() {
    return kind + " " + circuit + " " + millis + (credential.isEmpty() ? "" : " " + credential);
  }
}
