package dev.airbag.agent.uncaught;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything the exception reporter is configured with, built once from the {@code airbag.exceptions.*},
 * {@code airbag.feedback.*} and {@code airbag.ai-classifier.*} keys. Immutable and thread-safe; the builder
 * is not.
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

  private ExceptionSettings(Builder b) {
    this.maxPerMinute = b.maxPerMinute;
    this.maxFingerprints = b.maxFingerprints;
    this.stackFrames = b.stackFrames;
    this.libraryPrefixes = Collections.unmodifiableList(new ArrayList<>(b.libraryPrefixes));
    this.rules = Collections.unmodifiableList(new ArrayList<>(b.rules));
    this.labelsFile = b.labelsFile;
    this.labelsRecheck = b.labelsRecheck;
    this.ai = b.ai;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static ExceptionSettings defaults() {
    return builder().build();
  }

  /** Events per fingerprint per minute ({@code airbag.exceptions.max-per-minute}, 10). */
  public int maxPerMinute() {
    return maxPerMinute;
  }

  /** Fingerprints whose rate-limit state is remembered (10,000); least recently seen evicted first. */
  public int maxFingerprints() {
    return maxFingerprints;
  }

  /** Stack lines in an event (50). */
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

  /** How often the labels file is checked for changes (5s). */
  public Duration labelsRecheck() {
    return labelsRecheck;
  }

  /** The AI classifier's settings, or null when it is off. */
  public AiClassifierSettings ai() {
    return ai;
  }

  /** Not thread-safe. */
  public static final class Builder {
    private int maxPerMinute = 10;
    private int maxFingerprints = 10_000;
    private int stackFrames = 50;
    private List<String> libraryPrefixes = Collections.emptyList();
    private List<ExceptionRule> rules = Collections.emptyList();
    private Path labelsFile;
    private Duration labelsRecheck = Duration.ofSeconds(5);
    private AiClassifierSettings ai;

    private Builder() {
    }

    public Builder maxPerMinute(int value) {
      this.maxPerMinute = requirePositive(value, "maxPerMinute");
      return this;
    }

    public Builder maxFingerprints(int value) {
      this.maxFingerprints = requirePositive(value, "maxFingerprints");
      return this;
    }

    public Builder stackFrames(int value) {
      this.stackFrames = requirePositive(value, "stackFrames");
      return this;
    }

    public Builder libraryPrefixes(List<String> value) {
      this.libraryPrefixes = value;
      return this;
    }

    public Builder rules(List<ExceptionRule> value) {
      this.rules = value;
      return this;
    }

    public Builder labelsFile(Path value) {
      this.labelsFile = value;
      return this;
    }

    public Builder labelsRecheck(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("labelsRecheck must not be negative, was " + value);
      }
      this.labelsRecheck = value;
      return this;
    }

    public Builder ai(AiClassifierSettings value) {
      this.ai = value;
      return this;
    }

    public ExceptionSettings build() {
      return new ExceptionSettings(this);
    }

    private static int requirePositive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value);
      }
      return value;
    }
  }
}
