package dev.airbag.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of config values (durations, sizes, booleans, lists) as pure functions, so that parsing and
 * printing agree. Parsers throw {@link IllegalArgumentException} on text they cannot read. Stateless.
 */
final class ValueSyntax {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(b|kb|mb|gb)?");
  private static final long KB = 1024;
  private static final long MB = KB * 1024;
  private static final long GB = MB * 1024;

  private ValueSyntax() {}

  /** Reads {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}; a unit is required so that no number is ambiguous. */
  static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      default:
        return Duration.ofHours(amount);
    }
  }

  /** Prints a duration in the largest unit that divides it exactly, so that it reads back the same. */
  static String formatDuration(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }

  /** Reads {@code 512}, {@code 512B}, {@code 64KB}, {@code 1MB}, {@code 1GB}; units are powers of 1024. */
  static long parseSize(String text) {
    Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a size: " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "b" : matcher.group(2);
    long multiplier = unit.equals("gb") ? GB : unit.equals("mb") ? MB : unit.equals("kb") ? KB : 1;
    return Math.multiplyExact(amount, multiplier);
  }

  static String formatSize(long bytes) {
    if (bytes != 0 && bytes % GB == 0) {
      return bytes / GB + "GB";
    }
    if (bytes != 0 && bytes % MB == 0) {
      return bytes / MB + "MB";
    }
    if (bytes != 0 && bytes % KB == 0) {
      return bytes / KB + "KB";
    }
    return Long.toString(bytes);
  }

  /** Only {@code true} and {@code false}, in any case: "yes" or "1" are more likely typos than intent. */
  static boolean parseBoolean(String text) {
    String normalised = text.trim().toLowerCase(Locale.ROOT);
    if (normalised.equals("true")) {
      return true;
    }
    if (normalised.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean: " + text);
  }

  /** Splits on commas, trims each item and drops empty items. */
  static List<String> parseList(String text) {
    List<String> items = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      String trimmed = item.trim();
      if (!trimmed.isEmpty()) {
        items.add(trimmed);
      }
    }
    return items;
  }

  /** Like {@link #parseList}, keeping the first of repeated items. */
  static List<String> parseDistinctList(String text) {
    return new ArrayList<>(new LinkedHashSet<>(parseList(text)));
  }

  /** True for the words that switch an optional setting off. */
  static boolean isOff(String text) {
    String normalised = text.trim().toLowerCase(Locale.ROOT);
    return normalised.equals("off") || normalised.equals("none");
  }
}
