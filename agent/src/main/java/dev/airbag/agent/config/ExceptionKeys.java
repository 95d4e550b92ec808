package dev.airbag.agent.config;

import static dev.airbag.agent.config.ValueTypes.bool;
import static dev.airbag.agent.config.ValueTypes.duration;
import static dev.airbag.agent.config.ValueTypes.wholeNumber;

import dev.airbag.agent.uncaught.ExceptionRule;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The rows of the key table about uncaught exceptions: capture, classification rules, human review and the optional
 * AI classifier. Part of {@link ConfigKeys#all()}.
 */
public final class ExceptionKeys {
  public static final ConfigKey<Boolean> ENABLED = ConfigKey.of("airbag.exceptions.enabled", bool(), true,
      "Whether uncaught exceptions (threads, servlets) are captured, classified and shipped.");
  public static final ConfigKey<Boolean> EXECUTORS = ConfigKey.of("airbag.exceptions.executors", bool(), false,
      "Also report exceptions that an executor swallowed: a failed task whose Future nobody read.");
  public static final ConfigKey<Duration> EXECUTOR_GRACE = ConfigKey.of("airbag.exceptions.executor-grace",
      duration(Duration.ofMillis(100), Duration.ofHours(1)), Duration.ofSeconds(30),
      "How long a failed task's Future may stay unread before its exception is reported as swallowed.");
  public static final ConfigKey<Integer> MAX_PER_MINUTE = ConfigKey.of("airbag.exceptions.max-per-minute",
      wholeNumber(1, 100_000), 10, "Events per fingerprint per minute; the rest are counted into the next event.");
  public static final ConfigKey<Integer> MAX_FINGERPRINTS = ConfigKey.of("airbag.exceptions.max-fingerprints",
      wholeNumber(1, 1_000_000), 10_000, "Fingerprints remembered at once (least recently seen forgotten first).");
  public static final ConfigKey<Integer> STACK_FRAMES = ConfigKey.of("airbag.exceptions.stack-frames",
      wholeNumber(1, 1000), 50, "Stack lines kept in an exception event.");
  public static final ConfigKey<List<String>> LIBRARY_PREFIXES = ConfigKey.of("airbag.exceptions.library-prefixes",
      DomainTypes.textList(), List.of(), "Class-name prefixes that are not the app's own code, skipped by fingerprints"
          + " (java., javax., jdk., sun., kotlin. always are).");
  public static final ConfigKey<Path> FEEDBACK_FILE = ConfigKey.of("airbag.feedback.file", ValueTypes.path().orOff(),
      null, "Labels file a person writes after review (one line per fingerprint); re-read when it changes. New"
          + " fingerprints are listed in FILE.pending.");
  public static final ConfigKey<Duration> FEEDBACK_RECHECK = ConfigKey.of("airbag.feedback.recheck-interval",
      duration(Duration.ZERO, Duration.ofHours(1)), Duration.ofSeconds(5), "How often the labels file is checked for changes.");
  public static final ConfigKey<URI> AI_ENDPOINT = ConfigKey.of("airbag.ai-classifier.endpoint",
      DomainTypes.httpUrl().orOff(), null, "OpenAI-compatible chat completions URL (…/v1/chat/completions) that labels"
          + " new fingerprints off the app's threads; off by default.");
  public static final ConfigKey<String> AI_MODEL = ConfigKey.of("airbag.ai-classifier.model",
      ValueTypes.text("a model name").orOff(), null, "Model the AI classifier asks (required with the endpoint).");
  public static final ConfigKey<String> AI_KEY_ENV = ConfigKey.of("airbag.ai-classifier.api-key-env",
      ValueTypes.text("an environment variable name").orOff(), null,
      "Environment variable holding the AI classifier's API key (the key itself never goes in a file).");
  public static final ConfigKey<Duration> AI_TIMEOUT = ConfigKey.of("airbag.ai-classifier.timeout",
      duration(Duration.ofMillis(100), Duration.ofMinutes(5)), Duration.ofSeconds(10), "Timeout of one AI request.");
  public static final ConfigKey<Integer> AI_MAX_ATTEMPTS = ConfigKey.of("airbag.ai-classifier.max-attempts",
      wholeNumber(1, 10), 3, "Attempts per AI request, retried with backoff behind its own circuit breaker.");
  public static final ConfigKey<Path> AI_CACHE_FILE = ConfigKey.of("airbag.ai-classifier.cache-file",
      ValueTypes.path(), null, "Where AI labels are kept across restarts.")
      .defaultShownAs("(airbag.export.spool.dir)/airbag-ai-labels.txt");

  public static final KeyFamily<ExceptionRule> RULE = new KeyFamily<>("airbag.exceptions.rule.", "n", "",
      DomainTypes.exceptionRule(), "A classification rule: type=CLASS (matches subclasses),severity=...,escalation=..."
      + "[,category=...].", "rule %s is ignored", KeyFamily.Rules.envNames());

  private ExceptionKeys() {}

  static List<ConfigKey<?>> all() {
    return List.of(ENABLED, EXECUTORS, EXECUTOR_GRACE, MAX_PER_MINUTE, MAX_FINGERPRINTS, STACK_FRAMES,
        LIBRARY_PREFIXES, FEEDBACK_FILE, FEEDBACK_RECHECK, AI_ENDPOINT, AI_MODEL, AI_KEY_ENV, AI_TIMEOUT,
        AI_MAX_ATTEMPTS, AI_CACHE_FILE);
  }
}
