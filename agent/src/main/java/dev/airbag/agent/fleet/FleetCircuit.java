package dev.airbag.agent.fleet;

import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.call.RequestHeaders;
import dev.airbag.agent.engine.redact.RequestCredentials;

/**
 * What this instance knows of one circuit's fleet side: the counts to send, what the last sync read (the fleet's
 * decision, the probe lease), and where its latest opening came from. Fields read by the app's threads are volatile
 * and written by the sync thread; the rest belong to the sync thread. Thread-safe as used.
 */
final class FleetCircuit {
  /** Where the circuit's latest opening came from, for events and {@code /health}. */
  enum Origin {
    /** This instance's own attempts opened it. */
    HERE,
    /** The fleet did: another instance, or the fleet's counts taken together. */
    FLEET
  }

  final CircuitKey key;
  final String id;
  final CircuitTally tally = new CircuitTally();

  /** Read by the probe gate: the fleet's last decision is open, so only the lease holder may probe. */
  volatile boolean fleetOpen;
  /** Read by the probe gate: this instance holds the probe lease. */
  volatile boolean leaseMine;
  /** Set by the probe gate when it refused a probe: the sync tries for the lease. */
  volatile boolean wanted;
  volatile Origin origin;

  /** The latest attempt's headers and query, whose credential the sync thread digests (the hot path never does). */
  private volatile RequestHeaders lastHeaders;
  private volatile String lastQuery;
  private RequestHeaders digestedHeaders;
  private String credential = Digests.NO_CREDENTIAL;

  /** Sync thread only. */
  long appliedSeq;
  long fleetUntilMillis;
  long localChangeMillis;
  long ownCooldownUntil;

  FleetCircuit(CircuitKey key) {
    this.key = key;
    this.id = Digests.circuit(key);
  }

  void lastRequest(RequestHeaders headers, String rawQuery) {
    lastHeaders = headers;
    lastQuery = rawQuery;
  }

  /** Sync thread: the digest of the latest attempt's credential, taken again only when the request changed. */
  String credential() {
    RequestHeaders headers = lastHeaders;
    if (headers != null && headers != digestedHeaders) {
      credential = Digests.credential(RequestCredentials.values(headers, lastQuery));
      digestedHeaders = headers;
    }
    return credential;
  }
}
