package dev.airbag.agent.fleet;

/** Redis could not be reached, was too slow, or answered something Airbag did not write: the fleet is down. */
final class FleetStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FleetStoreException(String message) {
    super(message);
  }

  FleetStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
