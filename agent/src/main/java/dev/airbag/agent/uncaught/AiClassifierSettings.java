package dev.airbag.agent.uncaught;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the optional AI classifier: any OpenAI-compatible {@code /v1/chat/completions} endpoint, the
 * model, the name of the environment variable that holds its key (never the key itself, so it never sits in
 * a config file), a per-request timeout, and the file its answers are cached in. Immutable and thread-safe.
 */
public final class AiClassifierSettings {
  private final URI endpoint;
  private final String model;
  private final String apiKeyEnv;
  private final Duration timeout;
  private final Path cacheFile;
  private final int maxAttempts;

  /**
   * @param endpoint the full chat-completions URL ({@code http://localhost:8000/v1/chat/completions})
   * @param apiKeyEnv the environment variable holding the bearer key; null sends no Authorization header
   * @param cacheFile where answers persist across restarts; null keeps them in memory only
   */
  public AiClassifierSettings(URI endpoint, String model, String apiKeyEnv, Duration timeout, Path cacheFile,
      int maxAttempts) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.model = Objects.requireNonNull(model, "model");
    this.apiKeyEnv = apiKeyEnv;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.cacheFile = cacheFile;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
  }

  /** Defaults: a 10-second timeout and 3 attempts. */
  public static AiClassifierSettings of(URI endpoint, String model, String apiKeyEnv, Path cacheFile) {
    return new AiClassifierSettings(endpoint, model, apiKeyEnv, Duration.ofSeconds(10), cacheFile, 3);
  }

  public URI endpoint() {
    return endpoint;
  }

  public String model() {
    return model;
  }

  public String apiKeyEnv() {
    return apiKeyEnv;
  }

  public Duration timeout() {
    return timeout;
  }

  public Path cacheFile() {
    return cacheFile;
  }

  public int maxAttempts() {
    return maxAttempts;
  }
}
