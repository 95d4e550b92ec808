package dev.airbag.agent.telemetry.metrics;

import dev.airbag.agent.engine.redact.NameRedactor;
import dev.airbag.agent.engine.redact.TextMask;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps a tag low-cardinality: the first {@code limit} distinct values pass through, every later one becomes
 * {@value MetricNames#OTHER}, so a client that sends a fresh model name per request cannot grow the registry
 * without bound. Values are also cut to {@value #MAX_LENGTH} characters before they are kept, so the tags hold at
 * most {@code limit} short strings whatever the names sent. Thread-safe; admitted values are looked up without a
 * lock. A value is made safe once, when first admitted ({@link NameRedactor}: a key pasted as a model name is
 * masked, control characters are made visible), so that /metrics never shows one.
 */
final class BoundedTagValues {
  static final int MAX_LENGTH = 64;

  private final int limit;
  private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  BoundedTagValues(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("tag value limit must be at least 1, was " + limit);
    }
    this.limit = limit;
  }

  /** The tag value for this raw value: itself, {@value MetricNames#UNKNOWN} for null or empty, or "other". */
  String tag(String value) {
    return tag(value, () -> TextMask.NONE);
  }

  /** As {@link #tag(String)}; {@code secrets} gives the call's own credentials, read only for a new value. */
  String tag(String value, Supplier<TextMask> secrets) {
    return tag(value, secrets, Supplier::get);
  }

  /**
   * As {@link #tag(String, Supplier)}, the credentials read from {@code owner} by {@code secrets} (a method reference
   * that captures nothing): a lambda capturing the call, made for every call's tags, was a cost on the hot path.
   */
  <T> String tag(String value, T owner, Function<? super T, ? extends TextMask> secrets) {
    if (value == null || value.isEmpty()) {
      return MetricNames.UNKNOWN;
    }
    // Keyed by the cut value: a huge raw name must not stay alive as a map key.
    String bounded = value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH);
    String known = admitted.get(bounded);
    if (known != null) {
      return known;
    }
    // Reserve a slot before admitting, so racing threads cannot push the count past the limit.
    if (size.incrementAndGet() > limit) {
      size.decrementAndGet();
      return MetricNames.OTHER;
    }
    String safe = NameRedactor.safe(bounded, secrets.apply(owner));
    String previous = admitted.putIfAbsent(bounded, safe);
    if (previous != null) {
      size.decrementAndGet();
      return previous;
    }
    return safe;
  }
}
