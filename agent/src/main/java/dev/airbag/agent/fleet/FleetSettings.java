package dev.airbag.agent.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the fleet's Redis is and how to talk to it, read once from the {@code airbag.fleet.*} keys where the agent is
 * wired. The password is the value of an environment variable, never of a file. Immutable.
 */
public final class FleetSettings {
  private final URI url;
  private final String password;
  private final int database;
  private final String keyPrefix;
  private final Duration connectTimeout;
  private final Duration commandTimeout;
  private final Duration syncInterval;

  /** @param password the AUTH password, or null for none */
  public FleetSettings(URI url, String password, int database, String keyPrefix, Duration connectTimeout,
      Duration commandTimeout, Duration syncInterval) {
    this.url = Objects.requireNonNull(url, "url");
    this.password = password == null || password.isEmpty() ? null : password;
    this.database = database;
    this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
    this.syncInterval = Objects.requireNonNull(syncInterval, "syncInterval");
  }

  public URI url() {
    return url;
  }

  /** Whether the connection uses TLS ({@code rediss://}). */
  public boolean tls() {
    return "rediss".equalsIgnoreCase(url.getScheme());
  }

  /** The ACL user named in the URL, or null. */
  public String user() {
    String info = url.getUserInfo();
    return info == null || info.isEmpty() ? null : info;
  }

  /** The AUTH password, or null. */
  public String password() {
    return password;
  }

  public int database() {
    return database;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration commandTimeout() {
    return commandTimeout;
  }

  public Duration syncInterval() {
    return syncInterval;
  }

  /** The URL as safe to log: host, port and database, never the password (which the URL cannot hold anyway). */
  @Override
  public String toString() {
    int port = url.getPort() == -1 ? 6379 : url.getPort();
    return url.getScheme() + "://" + url.getHost() + ":" + port + "/" + database + (password == null ? "" : " (AUTH)");
  }
}
