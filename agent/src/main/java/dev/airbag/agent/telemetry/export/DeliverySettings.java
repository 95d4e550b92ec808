package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ExportKeys;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * How collector sinks batch, retry, spool and fold: the {@code airbag.export.*} delivery keys, read once by
 * {@link #from}. Defaults and bounds are the key table's. Immutable and thread-safe.
 */
public final class DeliverySettings {
  // Not keys: how a sink retries a collector (from 1 s, doubling to 60 s, full jitter).
  private static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
  // Events a sink holds in memory before it spools, in batches.
  private static final int BATCHES_IN_MEMORY = 4;

  // Kept for the copies below, which change only what is not a key.
  private final AirbagConfig config;
  private final int batchSize;
  private final Duration flushInterval;
  private final Duration shutdownTimeout;
  private final Path spoolDir;
  private final long spoolMaxBytes;
  private final Duration dedupeWindow;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private DeliverySettings(AirbagConfig config, Path spoolDir, Duration initialBackoff, Duration maxBackoff,
      Duration maxRetryAfter) {
    this.batchSize = config.get(ExportKeys.BATCH_SIZE);
    this.flushInterval = config.get(ExportKeys.FLUSH_INTERVAL);
    this.shutdownTimeout = config.get(ExportKeys.SHUTDOWN_TIMEOUT);
    this.spoolMaxBytes = config.get(ExportKeys.SPOOL_MAX_SIZE);
    this.dedupeWindow = config.get(ExportKeys.DEDUPE_WINDOW);
    this.spoolDir = spoolDir.toAbsolutePath();
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxRetryAfter = maxRetryAfter;
    this.config = config;
  }

  /** The delivery keys of {@code config}; without {@code airbag.export.spool.dir}, the service's own spool. */
  public static DeliverySettings from(AirbagConfig config, String serviceName) {
    Path spool = config.get(ExportKeys.SPOOL_DIR);
    return new DeliverySettings(config, spool != null ? spool : defaultSpoolDir(serviceName), INITIAL_BACKOFF,
        MAX_BACKOFF, MAX_RETRY_AFTER);
  }

  /** The same with another backoff range, for tests that cannot wait a second per retry. */
  DeliverySettings withBackoff(Duration initial, Duration max) {
    return new DeliverySettings(config, spoolDir, initial, max, maxRetryAfter);
  }

  /** The same honouring a collector's Retry-After up to {@code max}. */
  DeliverySettings withMaxRetryAfter(Duration max) {
    return new DeliverySettings(config, spoolDir, initialBackoff, maxBackoff, max);
  }

  /** {@code ${java.io.tmpdir}/airbag-spool/<service>}, the service name reduced to safe file-name characters. */
  public static Path defaultSpoolDir(String serviceName) {
    String safe = serviceName == null ? "" : serviceName.replaceAll("[^A-Za-z0-9._-]", "_");
    // "." and ".." would climb out of the spool root.
    if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
      safe = "unknown-service";
    }
    return Paths.get(System.getProperty("java.io.tmpdir"), "airbag-spool", safe);
  }

  /** Most events per request ({@code airbag.export.batch-size}). */
  public int batchSize() {
    return batchSize;
  }

  /** Longest an event waits for a fuller batch ({@code airbag.export.flush-interval}). */
  public Duration flushInterval() {
    return flushInterval;
  }

  /** How long close may spend delivering before it spools the rest ({@code airbag.export.shutdown-timeout}). */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** The spool root; each collector sink spools in a sub-directory named after it. */
  public Path spoolDir() {
    return spoolDir;
  }

  /** Disk the spools of all collector sinks may use together, in bytes ({@code airbag.export.spool.max-size}). */
  public long spoolMaxBytes() {
    return spoolMaxBytes;
  }

  /** Identical events within this window are folded into one ({@code airbag.export.dedupe-window}); 0 disables. */
  public Duration dedupeWindow() {
    return dedupeWindow;
  }

  /** Most folds open at once per sink, as many as the events file's; past it events pass unfolded. */
  public int maxFolds() {
    return FoldingSink.MAX_FOLDS;
  }

  /** Events a sink holds in memory before it spools them. */
  public int memoryCapacity() {
    return BATCHES_IN_MEMORY * batchSize;
  }

  /** The first retry's backoff ceiling; doubled per failure, full jitter. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** A collector's Retry-After is honoured up to this much. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }
}
