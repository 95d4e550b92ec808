package dev.airbag.agent.uncaught;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ExceptionKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the exception reporter is configured with: the {@code airbag.exceptions.*}, {@code airbag.feedback.*}
 * and {@code airbag.ai-classifier.*} keys, read once by {@link #from}. Defaults and bounds are the key table's.
 * Immutable and thread-safe.
 */
public final class ExceptionSettings {
  private final int maxPerMinute;
  private final int maxFingerprints;
  private final int stackFrames;
  private final List<String> libraryPrefixes;
  private final List<ExceptionRule> rules;
  private final Path labelsFile;
  private final Duration labelsRecheck;
  private final AiClassifierSettings ai;

  private ExceptionSettings(AirbagConfig config, AiClassifierSettings ai) {
    this.maxPerMinute = config.get(ExceptionKeys.MAX_PER_MINUTE);
    this.maxFingerprints = config.get(ExceptionKeys.MAX_FINGERPRINTS);
    this.stackFrames = config.get(ExceptionKeys.STACK_FRAMES);
    this.libraryPrefixes = List.copyOf(config.get(ExceptionKeys.LIBRARY_PREFIXES));
    this.rules = List.copyOf(config.family(ExceptionKeys.RULE).values());
    this.labelsFile = config.get(ExceptionKeys.FEEDBACK_FILE);
    this.labelsRecheck = config.get(ExceptionKeys.FEEDBACK_RECHECK);
    this.ai = ai;
  }

  /** The exception keys of {@code config}; the AI classifier caches under the service's spool unless told. */
  public static ExceptionSettings from(AirbagConfig config, String serviceName) {
    return new ExceptionSettings(config, AiClassifierSettings.from(config, serviceName));
  }

  /** Events per fingerprint per minute ({@code airbag.exceptions.max-per-minute}). */
  public int maxPerMinute() {
    return maxPerMinute;
  }

  /** Fingerprints whose rate-limit state is remembered; least recently seen evicted first. */
  public int maxFingerprints() {
    return maxFingerprints;
  }

  /** Stack lines in an event ({@code airbag.exceptions.stack-frames}). */
  public int stackFrames() {
    return stackFrames;
  }

  /** Class-name prefixes that are libraries, not the app ({@code airbag.exceptions.library-prefixes}). */
  public List<String> libraryPrefixes() {
    return libraryPrefixes;
  }

  /** The user's rules in the order of their numbers ({@code airbag.exceptions.rule.N}). */
  public List<ExceptionRule> rules() {
    return rules;
  }

  /** The labels file ({@code airbag.feedback.file}), or null when human review has no file. */
  public Path labelsFile() {
    return labelsFile;
  }

  /** How often the labels file is checked for changes ({@code airbag.feedback.recheck-interval}). */
  public Duration labelsRecheck() {
    return labelsRecheck;
  }

  /** The AI classifier's settings, or null when it is off. */
  public AiClassifierSettings ai() {
    return ai;
  }
}
