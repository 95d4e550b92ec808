package dev.airbag.agent.telemetry.export;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * How collector sinks batch, retry, spool and fold: the {@code airbag.export.*} delivery keys, resolved once by
 * the integrator. Defaults are the issue's: batches of 512 or every 2 s, a 64 MB spool, a 5 s shutdown flush,
 * a 10 s dedupe window. Immutable and thread-safe.
 */
public final class DeliverySettings {
  private final int batchSize;
  private final Duration flushInterval;
  private final Duration shutdownTimeout;
  private final Path spoolDir;
  private final long spoolMaxBytes;
  private final Duration dedupeWindow;
  private final int maxFolds;
  private final int memoryCapacity;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private DeliverySettings(Builder b) {
    this.batchSize = positive("batch-size", b.batchSize);
    this.flushInterval = positive("flush-interval", b.flushInterval);
    this.shutdownTimeout = positive("shutdown-timeout", b.shutdownTimeout);
    this.spoolDir = b.spoolDir.toAbsolutePath();
    this.spoolMaxBytes = Math.max(0, b.spoolMaxBytes);
    this.dedupeWindow = b.dedupeWindow.isNegative() ? Duration.ZERO : b.dedupeWindow;
    this.maxFolds = Math.max(0, b.maxFolds);
    this.memoryCapacity = b.memoryCapacity > 0 ? Math.max(b.memoryCapacity, batchSize) : 4 * batchSize;
    this.initialBackoff = positive("initial backoff", b.initialBackoff);
    this.maxBackoff = positive("max backoff", b.maxBackoff);
    this.maxRetryAfter = positive("max Retry-After", b.maxRetryAfter);
  }

  /** Starts from the defaults, spooling under {@link #defaultSpoolDir(String)} for the service. */
  public static Builder builder(String serviceName) {
    return new Builder(defaultSpoolDir(serviceName));
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

  /** Most folds open at once per sink; past it events pass unfolded. 0 disables folding. */
  public int maxFolds() {
    return maxFolds;
  }

  /** Events a sink holds in memory before it spools them (at least one batch; default four). */
  public int memoryCapacity() {
    return memoryCapacity;
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

  private static int positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, was " + value);
    }
    return value;
  }

  private static Duration positive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
    return value;
  }

  /** Collects settings; every value has the default. Not thread-safe. */
  public static final class Builder {
    private int batchSize = 512;
    private Duration flushInterval = Duration.ofSeconds(2);
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private Path spoolDir;
    private long spoolMaxBytes = 64L * 1024 * 1024;
    private Duration dedupeWindow = Duration.ofSeconds(10);
    private int maxFolds = 10_000;
    private int memoryCapacity;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private Duration maxRetryAfter = Duration.ofMinutes(5);

    private Builder(Path spoolDir) {
      this.spoolDir = spoolDir;
    }

    public Builder batchSize(int events) {
      this.batchSize = events;
      return this;
    }

    public Builder flushInterval(Duration interval) {
      this.flushInterval = interval;
      return this;
    }

    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    public Builder spoolDir(Path dir) {
      this.spoolDir = dir;
      return this;
    }

    public Builder spoolMaxBytes(long bytes) {
      this.spoolMaxBytes = bytes;
      return this;
    }

    public Builder dedupeWindow(Duration window) {
      this.dedupeWindow = window;
      return this;
    }

    public Builder maxFolds(int folds) {
      this.maxFolds = folds;
      return this;
    }

    public Builder memoryCapacity(int events) {
      this.memoryCapacity = events;
      return this;
    }

    /** The backoff range: the first retry waits up to {@code initial}, later ones up to {@code max}. */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = max;
      return this;
    }

    public DeliverySettings build() {
      return new DeliverySettings(this);
    }
  }
}
