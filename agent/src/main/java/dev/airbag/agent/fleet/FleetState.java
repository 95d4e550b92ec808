package dev.airbag.agent.fleet;

import java.util.Objects;

/**
 * What the fleet last decided about one circuit, as one Redis value: {@code open|until|owner|seq|at|reason} or
 * {@code closed|0|owner|seq|at|reason}, times in epoch milliseconds. {@code seq} grows with every decision, so an
 * instance applies each one once. Immutable.
 */
final class FleetState {
  private final boolean open;
  private final long untilMillis;
  private final String owner;
  private final long seq;
  private final long atMillis;
  private final String reason;

  FleetState(boolean open, long untilMillis, String owner, long seq, long atMillis, String reason) {
    this.open = open;
    this.untilMillis = untilMillis;
    this.owner = Objects.requireNonNull(owner, "owner");
    this.seq = seq;
    this.atMillis = atMillis;
    this.reason = reason == null ? "" : reason;
  }

  /**
   * Reads a stored value; null for none (empty).
   *
   * @throws FleetStoreException when the value is not one Airbag wrote: a Redis that answers garbage is down
   */
  static FleetState parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String[] parts = text.split("\\|", 6);
    if (parts.length != 6 || !(parts[0].equals("open") || parts[0].equals("closed"))) {
      throw new FleetStoreException("unreadable circuit state from Redis: " + abbreviate(text));
    }
    try {
      return new FleetState(parts[0].equals("open"), Long.parseLong(parts[1]), parts[2], Long.parseLong(parts[3]),
          Long.parseLong(parts[4]), parts[5]);
    } catch (NumberFormatException e) {
      throw new FleetStoreException("unreadable circuit state from Redis: " + abbreviate(text));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }

  boolean open() {
    return open;
  }

  /** Whether this is an open state whose pause has not ended at {@code nowMillis}. */
  boolean openAt(long nowMillis) {
    return open && untilMillis > nowMillis;
  }

  long untilMillis() {
    return untilMillis;
  }

  String owner() {
    return owner;
  }

  long seq() {
    return seq;
  }

  long atMillis() {
    return atMillis;
  }

  String reason() {
    return reason;
  }

  /** The stored form; {@code reason} must not hold a line break (it is the last field, so a '|' is fine). */
  String format() {
    return (open ? "open" : "closed") + "|" + untilMillis + "|" + owner + "|" + seq + "|" + atMillis + "|" + reason;
  }

  @Override
  public String toString() {
    return format();
  }
}
