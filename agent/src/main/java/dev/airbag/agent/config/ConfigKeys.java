package dev.airbag.agent.config;

import static dev.airbag.agent.config.ValueTypes.bool;
import static dev.airbag.agent.config.ValueTypes.duration;
import static dev.airbag.agent.config.ValueTypes.number;
import static dev.airbag.agent.config.ValueTypes.oneOf;
import static dev.airbag.agent.config.ValueTypes.wholeNumber;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.endpoint.Provider;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The key table: every key Airbag reads, with its default, allowed values and description. The loader, the
 * README ({@link #markdownTable()}) and the startup summary all come from these rows. A new key is a new row here
 * (or in {@link ExportKeys}, {@link ExceptionKeys}), its name in {@link #all()} (a test checks), and a field that
 * the settings class it belongs to reads in its {@code from(AirbagConfig)}; defaults and bounds are never
 * written anywhere else. Immutable.
 */
public final class ConfigKeys {
  /** The built-in endpoint presets, all on by default. */
  static final List<String> PRESET_NAMES = List.of("openai", "anthropic", "azure-openai", "gemini", "mistral",
      "groq", "deepseek", "openrouter", "together", "ollama");

  public static final ConfigKey<Boolean> ENABLED = ConfigKey.of("airbag.enabled", bool(), true,
      "Master switch: false leaves every call and exception untouched.");
  public static final ConfigKey<String> LOG_LEVEL = ConfigKey.of("airbag.log.level",
      oneOf(List.of("error", "warn", "info", "debug", "trace", "off")), "info",
      "Level of the agent's own log lines.");
  public static final ConfigKey<String> SERVICE_NAME = ConfigKey.of("airbag.service.name",
      ValueTypes.text("a service name"), null,
      "Service name on every event and metric.").defaultShownAs("(main class or jar name)");
  public static final ConfigKey<Path> EXPORT_FILE_PATH = ConfigKey.of("airbag.export.file.path",
      ValueTypes.path(), Paths.get("./airbag-events.jsonl"), "JSON-lines file that receives classified events.");
  public static final ConfigKey<List<String>> PRESETS = ConfigKey.of("airbag.presets",
      ValueTypes.subsetOf(PRESET_NAMES), PRESET_NAMES, "Built-in endpoint presets that are recognised.");
  public static final ConfigKey<Boolean> AUTO_PROTECT = ConfigKey.of("airbag.auto-protect", bool(), false,
      "Protect calls that look like LLM calls (/chat/completions, /v1/messages, :generateContent,"
          + " /openai/deployments/) to hosts no endpoint covers, each host as an endpoint of its own; when off,"
          + " such a call passes unprotected and the log names the line to add, once per host.");
  public static final ConfigKey<Integer> CLASSIFY_MAX_BODY_BYTES = ConfigKey.of("airbag.classify.max-body-bytes",
      ValueTypes.size(1024, 16 * 1024 * 1024), 64 * 1024,
      "How much of an error response body is read to classify it.");

  public static final ConfigKey<Boolean> RETRY_ON_UNKNOWN = ConfigKey.of("airbag.retry.on-unknown", bool(), false,
      "Whether failures classified unknown are retried.");
  public static final ConfigKey<Integer> RETRY_MAX_ATTEMPTS = ConfigKey.of("airbag.retry.max-attempts",
      wholeNumber(1, 20), 3, "Attempts in all per call, every model of its fallback chain and the first one included"
          + " (1 disables retry); 3 is what the OpenAI and Anthropic SDKs make on their own, whose retries Airbag's"
          + " replace.");
  public static final ConfigKey<Duration> RETRY_BASE_DELAY = ConfigKey.of("airbag.retry.base-delay",
      duration(Duration.ofMillis(1), Duration.ofMinutes(1)), Duration.ofMillis(500),
      "Backoff before the first retry; doubles on each further retry.");
  public static final ConfigKey<Duration> RETRY_MAX_DELAY = ConfigKey.of("airbag.retry.max-delay",
      duration(Duration.ofMillis(1), Duration.ofMinutes(10)), Duration.ofSeconds(8), "Cap on one backoff.");
  public static final ConfigKey<String> RETRY_JITTER = ConfigKey.of("airbag.retry.jitter",
      oneOf(List.of("sdk", "full", "equal", "decorrelated", "none")), "sdk", "How backoff delays are randomised;"
          + " sdk takes up to a quarter off each delay, as the SDKs do, so that a failing call keeps their pace.");
  public static final ConfigKey<Duration> RETRY_MAX_RETRY_AFTER = ConfigKey.of("airbag.retry.max-retry-after",
      duration(Duration.ZERO, Duration.ofHours(1)), Duration.ofSeconds(30),
      "Longest Retry-After a provider may impose; a longer one is not waited for.");
  public static final ConfigKey<Duration> RETRY_DEADLINE = ConfigKey.of("airbag.retry.deadline",
      duration(Duration.ofSeconds(1), Duration.ofHours(1)), Duration.ofSeconds(120),
      "Overall time for one call, retries and fallbacks included.");
  public static final ConfigKey<Duration> RETRY_REPLAY_WINDOW = ConfigKey.of("airbag.retry.replay-window",
      duration(Duration.ZERO, Duration.ofMinutes(10)), Duration.ofSeconds(10),
      "How long a call Airbag retried to exhaustion answers the client's or framework's own re-send of it (an SDK's"
          + " X-Stainless-Retry-Count, LangChain4j's retry loop) without a new upstream request, at most 3 times;"
          + " never the app's own new call, never another credential's, never a permanent failure; 0s turns it off.");
  public static final ConfigKey<Double> RETRY_BUDGET_RATIO = ConfigKey.of("airbag.retry.budget.ratio",
      number(0, 1), 0.2, "Attempts past airbag.retry.budget.exempt-attempts allowed per endpoint, as a share of its"
          + " recent upstream requests (every attempt counts; over a 10 s window), so that extra retries cannot become a"
          + " storm.");
  public static final ConfigKey<Double> RETRY_BUDGET_MIN_PER_SECOND = ConfigKey.of(
      "airbag.retry.budget.min-per-second", number(0, Double.POSITIVE_INFINITY), 3.0,
      "Retries per second per endpoint always allowed, whatever the ratio.");
  public static final ConfigKey<Integer> RETRY_BUDGET_EXEMPT_ATTEMPTS = ConfigKey.of(
      "airbag.retry.budget.exempt-attempts", wholeNumber(1, 20), 3,
      "Attempts per call the budget never refuses: the SDKs' own 1 + 2 retries, so that Airbag never retries less"
          + " than the SDK alone. Lower values shed load at the cost of answers (an opt-in).");

  public static final ConfigKey<Boolean> CIRCUIT_ENABLED = ConfigKey.of("airbag.circuit.enabled", bool(), true,
      "Whether a circuit breaker guards each endpoint and model.");
  public static final ConfigKey<Integer> CIRCUIT_WINDOW = ConfigKey.of("airbag.circuit.window",
      wholeNumber(1, 1000), 20, "Number of recent attempts (each HTTP request to the provider, not each app call) the"
          + " failure rate is computed over.");
  public static final ConfigKey<Integer> CIRCUIT_MINIMUM_CALLS = ConfigKey.of("airbag.circuit.minimum-calls",
      wholeNumber(1, 1000), 5, "Attempts needed in the window before the failure-rate rule may open the breaker.");
  public static final ConfigKey<Integer> CIRCUIT_FAILURE_RATE_THRESHOLD = ConfigKey.of(
      "airbag.circuit.failure-rate-threshold", wholeNumber(1, 100), 50,
      "Failure percentage at which the breaker of a model with a fallback chain opens (the fallback serves meanwhile);"
          + " only overloaded, transient, timeout and rate_limited count.");
  public static final ConfigKey<Integer> CIRCUIT_HOPELESS_AFTER = ConfigKey.of("airbag.circuit.hopeless-after",
      wholeNumber(0, 10_000), 50, "Failed attempts in a row, with no success between, that open any breaker: retrying"
          + " has stopped working (a hard outage). The only rule for a model without a fallback; 0 turns it off.");
  public static final ConfigKey<Duration> CIRCUIT_HOPELESS_SPAN = ConfigKey.of("airbag.circuit.hopeless-span",
      duration(Duration.ZERO, Duration.ofMinutes(10)), Duration.ofSeconds(1), "How long the failures of"
          + " airbag.circuit.hopeless-after must last without a success: under heavy traffic 50 failures in a row come"
          + " within milliseconds even when one request in ten succeeds.");
  public static final ConfigKey<Duration> CIRCUIT_SLOW_CALL_DURATION = ConfigKey.of(
      "airbag.circuit.slow-call-duration", duration(Duration.ofMillis(1), Duration.ofMinutes(10)).orOff(), null,
      "Calls slower than this count as failures; off counts none.");
  public static final ConfigKey<Duration> CIRCUIT_OPEN_DURATION = ConfigKey.of("airbag.circuit.open-duration",
      duration(Duration.ofMillis(1), Duration.ofHours(1)), Duration.ofSeconds(2),
      "Longest pause of an open breaker before it lets a probe through; the first pause is"
          + " airbag.circuit.first-open-duration (twice), then doubled by each further failed probe up to this.");
  public static final ConfigKey<Duration> CIRCUIT_FIRST_OPEN_DURATION = ConfigKey.of(
      "airbag.circuit.first-open-duration", duration(Duration.ofMillis(1), Duration.ofHours(1)),
      Duration.ofMillis(500), "Pause of a breaker that has just opened before its first probe.");
  public static final ConfigKey<String> CIRCUIT_WHEN_OPEN = ConfigKey.of("airbag.circuit.when-open",
      oneOf(List.of("wait", "fail-fast")), "wait", "What a call gets when its model's breaker is open and no fallback"
          + " can serve: wait waits as long as its retries would have for the breaker to let it through (the provider"
          + " meanwhile gets only probes); fail-fast answers at once (load shedding: it can cost the app answers).");
  public static final ConfigKey<Integer> CIRCUIT_HALF_OPEN_CALLS = ConfigKey.of("airbag.circuit.half-open-calls",
      wholeNumber(1, 100), 1, "Probe attempts in the half-open state; all must succeed to close the breaker.");

  public static final ConfigKey<Set<Category>> FALLBACK_ON = ConfigKey.of("airbag.fallback.on",
      // content_policy, auth, bad_request and unknown never fall back: another model cannot fix them.
      DomainTypes.categories(EnumSet.of(Category.OVERLOADED, Category.TRANSIENT, Category.RATE_LIMITED,
          Category.QUOTA_EXHAUSTED, Category.TIMEOUT, Category.NOT_FOUND, Category.CIRCUIT_OPEN)),
      Collections.unmodifiableSet(EnumSet.of(Category.OVERLOADED, Category.TRANSIENT,
          Category.RATE_LIMITED, Category.TIMEOUT, Category.CIRCUIT_OPEN, Category.NOT_FOUND)),
      "Categories after which the next model of a fallback chain is tried (quota_exhausted only if listed here;"
          + " context_length has its own key).");
  public static final ConfigKey<Duration> TIMEOUT_FIRST_BYTE = ConfigKey.of("airbag.timeout.first-byte",
      duration(Duration.ofMillis(1), Duration.ofMinutes(10)).orOff(), null,
      "Longest wait for the first response byte before the attempt counts as a timeout; off waits as the client does.");

  public static final KeyFamily<URI> ENDPOINT_URL = new KeyFamily<>("airbag.endpoint.", "name", ".url",
      DomainTypes.httpUrl(), "Declares an OpenAI- or Anthropic-compatible endpoint (vLLM, Ollama, a gateway); "
      + "calls to this base URL are protected.", "the endpoint %s is dropped", KeyFamily.Rules.envNames());
  public static final KeyFamily<Provider> ENDPOINT_PROVIDER = new KeyFamily<>("airbag.endpoint.", "name",
      ".provider", DomainTypes.provider(), "The wire dialect of a declared endpoint.",
      "using the default openai", KeyFamily.Rules.envNames().withDefault("openai"));
  public static final KeyFamily<Category> CLASSIFY_STATUS = new KeyFamily<>("airbag.classify.status.", "status",
      "", DomainTypes.category(), "Classifies an HTTP status (100..599) as a category, overriding the built-in rules.",
      "the rule for status %s is ignored", KeyFamily.Rules.envNames().withVariableRule(ConfigKeys::isStatus,
          "the status in the key must be a number from 100 to 599"));
  public static final KeyFamily<Category> CLASSIFY_ERROR_CODE = new KeyFamily<>("airbag.classify.error-code.",
      "code", "", DomainTypes.category(), "Classifies a provider error code (the body's error code or type) "
      + "as a category.", "the rule for error code %s is ignored", KeyFamily.Rules.fileOnly());
  public static final KeyFamily<String> FALLBACK_CONTEXT_LENGTH = new KeyFamily<>(
      "airbag.fallback.context-length.", "model", "", DomainTypes.model(),
      "The larger-context model tried when a request is too long for this model.",
      "no context-length fallback for %s", KeyFamily.Rules.fileOnly());
  public static final KeyFamily<List<String>> FALLBACK_CHAIN = new KeyFamily<>("airbag.fallback.", "model", "",
      DomainTypes.models(), "Models tried in order when this model fails with a category of airbag.fallback.on.",
      "no fallback chain for %s", KeyFamily.Rules.fileOnly());

  private ConfigKeys() {}

  /** Every fixed key, in README order. */
  public static List<ConfigKey<?>> all() {
    List<ConfigKey<?>> all = new java.util.ArrayList<>(List.of(ENABLED, LOG_LEVEL, SERVICE_NAME, EXPORT_FILE_PATH, PRESETS, AUTO_PROTECT, CLASSIFY_MAX_BODY_BYTES,
        RETRY_ON_UNKNOWN, RETRY_MAX_ATTEMPTS, RETRY_BASE_DELAY, RETRY_MAX_DELAY, RETRY_JITTER,
        RETRY_MAX_RETRY_AFTER, RETRY_DEADLINE, RETRY_REPLAY_WINDOW, RETRY_BUDGET_RATIO, RETRY_BUDGET_MIN_PER_SECOND,
        RETRY_BUDGET_EXEMPT_ATTEMPTS, CIRCUIT_ENABLED, CIRCUIT_WINDOW, CIRCUIT_MINIMUM_CALLS,
        CIRCUIT_FAILURE_RATE_THRESHOLD, CIRCUIT_HOPELESS_AFTER, CIRCUIT_HOPELESS_SPAN, CIRCUIT_SLOW_CALL_DURATION, CIRCUIT_OPEN_DURATION,
        CIRCUIT_FIRST_OPEN_DURATION, CIRCUIT_HALF_OPEN_CALLS, CIRCUIT_WHEN_OPEN, FALLBACK_ON,
        TIMEOUT_FIRST_BYTE));
    all.addAll(ExportKeys.all());
    all.addAll(ExceptionKeys.all());
    all.addAll(FleetKeys.all());
    return java.util.Collections.unmodifiableList(all);
  }

  /**
   * Every dynamic key family, in matching order: a key is matched by the fixed keys first, then by the first
   * family whose shape fits, so {@code airbag.fallback.context-length.*} precedes {@code airbag.fallback.*}.
   */
  public static List<KeyFamily<?>> families() {
    return List.of(ENDPOINT_URL, ENDPOINT_PROVIDER, CLASSIFY_STATUS, CLASSIFY_ERROR_CODE, FALLBACK_CONTEXT_LENGTH,
        FALLBACK_CHAIN, ExceptionKeys.RULE);
  }

  /** The README table: {@code | key | default | allowed | description |}, fixed keys then families. */
  public static String markdownTable() {
    return MarkdownTable.render(all(), families());
  }

  static ConfigTable table() {
    return new ConfigTable(all(), families());
  }

  private static boolean isStatus(String text) {
    return text.matches("[1-5][0-9][0-9]");
  }
}
