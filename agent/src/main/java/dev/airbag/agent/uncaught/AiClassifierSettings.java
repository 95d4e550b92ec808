package dev.airbag.agent.uncaught;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ExceptionKeys;
import dev.airbag.agent.config.ExportKeys;
import dev.airbag.agent.telemetry.export.DeliverySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach the optional AI classifier: any OpenAI-compatible {@code /v1/chat/completions} endpoint, the
 * model, the name of the environment variable that holds its key (never the key itself, so it never sits in
 * a config file), a per-request timeout, and the file its answers are cached in. Immutable and thread-safe.
 */
public final class AiClassifierSettings {
  private static final String CACHE_FILE_NAME = "airbag-ai-labels.txt";

  private final URI endpoint;
  private final String model;
  private final String apiKeyEnv;
  private final Duration timeout;
  private final Path cacheFile;
  private final int maxAttempts;

  private AiClassifierSettings(AirbagConfig config, Path cacheFile) {
    this.endpoint = config.get(ExceptionKeys.AI_ENDPOINT);
    this.model = config.get(ExceptionKeys.AI_MODEL);
    this.apiKeyEnv = config.get(ExceptionKeys.AI_KEY_ENV);
    this.timeout = config.get(ExceptionKeys.AI_TIMEOUT);
    this.maxAttempts = config.get(ExceptionKeys.AI_MAX_ATTEMPTS);
    this.cacheFile = cacheFile;
  }

  /**
   * The {@code airbag.ai-classifier.*} keys, or null when the classifier is off (no endpoint or no model). Without a
   * cache file, answers are kept in the spool directory ({@code airbag.export.spool.dir}, else the service's own).
   */
  static AiClassifierSettings from(AirbagConfig config, String serviceName) {
    if (config.get(ExceptionKeys.AI_ENDPOINT) == null || config.get(ExceptionKeys.AI_MODEL) == null) {
      return null;
    }
    Path cache = config.get(ExceptionKeys.AI_CACHE_FILE);
    if (cache == null) {
      Path spool = config.get(ExportKeys.SPOOL_DIR);
      cache = (spool != null ? spool : DeliverySettings.defaultSpoolDir(serviceName)).resolve(CACHE_FILE_NAME);
    }
    return new AiClassifierSettings(config, cache);
  }

  /** The full chat-completions URL ({@code http://localhost:8000/v1/chat/completions}). */
  public URI endpoint() {
    return endpoint;
  }

  public String model() {
    return model;
  }

  /** The environment variable holding the bearer key; null sends no Authorization header. */
  public String apiKeyEnv() {
    return apiKeyEnv;
  }

  public Duration timeout() {
    return timeout;
  }

  /** Where answers persist across restarts. */
  public Path cacheFile() {
    return cacheFile;
  }

  public int maxAttempts() {
    return maxAttempts;
  }
}
