package dev.airbag.agent.config;

import static dev.airbag.agent.config.ValueTypes.duration;
import static dev.airbag.agent.config.ValueTypes.wholeNumber;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The rows of the key table about running as a fleet: the Redis that the instances of a service share circuits and
 * rate-limit cooldowns through. Part of {@link ConfigKeys#all()}, kept apart only to keep each file readable. The URL
 * is masked wherever values are shown, lest one written with a password land in a log; the fleet's start-up line shows
 * its host, port and database.
 */
public final class FleetKeys {
  public static final ConfigKey<URI> REDIS_URL = ConfigKey.of("airbag.fleet.redis.url",
      DomainTypes.redisUrl().orOff(), null, "Redis shared by the instances of a service (redis://host:6379, or"
          + " rediss:// for TLS, with a user name at most); off: each instance keeps its circuits to itself and no"
          + " Redis code loads. See docs/fleet.md.").asSecret();
  public static final ConfigKey<String> REDIS_PASSWORD_ENV = ConfigKey.of("airbag.fleet.redis.password-env",
      ValueTypes.text("an environment variable name"), "AIRBAG_FLEET_REDIS_PASSWORD",
      "Environment variable holding the Redis password (AUTH); never written in a file. Unset or empty: no AUTH.");
  public static final ConfigKey<Integer> REDIS_DATABASE = ConfigKey.of("airbag.fleet.redis.database",
      wholeNumber(0, 10_000), 0, "Redis database number.");
  public static final ConfigKey<String> KEY_PREFIX = ConfigKey.of("airbag.fleet.key-prefix",
      ValueTypes.text("a key prefix"), "airbag:", "Prefix of every Redis key Airbag writes; instances that share it"
          + " act as one fleet.");
  public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.of("airbag.fleet.redis.connect-timeout",
      duration(Duration.ofMillis(10), Duration.ofMinutes(1)), Duration.ofMillis(500),
      "Time to connect to Redis; on Airbag's sync thread, never the app's.");
  public static final ConfigKey<Duration> COMMAND_TIMEOUT = ConfigKey.of("airbag.fleet.redis.command-timeout",
      duration(Duration.ofMillis(10), Duration.ofMinutes(1)), Duration.ofMillis(250),
      "Time for one batch of Redis commands; a slower Redis counts as down.");
  public static final ConfigKey<Duration> SYNC_INTERVAL = ConfigKey.of("airbag.fleet.sync-interval",
      duration(Duration.ofMillis(20), Duration.ofSeconds(10)), Duration.ofMillis(200),
      "How often each instance sends its counts to Redis and reads the fleet's state, in one batch.");

  private FleetKeys() {
  }

  static List<ConfigKey<?>> all() {
    return List.of(REDIS_URL, REDIS_PASSWORD_ENV, REDIS_DATABASE, KEY_PREFIX, CONNECT_TIMEOUT, COMMAND_TIMEOUT,
        SYNC_INTERVAL);
  }
}
