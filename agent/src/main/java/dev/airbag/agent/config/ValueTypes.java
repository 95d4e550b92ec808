package dev.airbag.agent.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The value types of the key table: numbers, durations, sizes, names and choices. Stateless. */
final class ValueTypes {
  private ValueTypes() {}

  static ValueType<Boolean> bool() {
    return new ValueType<>("true, false", "expected true or false", new ValueType.Codec<Boolean>() {
      @Override
      Boolean parse(String text) {
        return ValueSyntax.parseBoolean(text);
      }

      @Override
      String format(Boolean value) {
        return String.valueOf(value);
      }
    });
  }

  static ValueType<Integer> wholeNumber(int min, int max) {
    return new ValueType<>(min + ".." + max, "expected a whole number from " + min + " to " + max,
        new ValueType.Codec<Integer>() {
          @Override
          Integer parse(String text) {
            int value = Integer.parseInt(text);
            return value >= min && value <= max ? value : null;
          }

          @Override
          String format(Integer value) {
            return String.valueOf(value);
          }
        });
  }

  /** A decimal number; {@code max} may be {@link Double#POSITIVE_INFINITY} for "at least min". */
  static ValueType<Double> number(double min, double max) {
    boolean bounded = max != Double.POSITIVE_INFINITY;
    String allowed = bounded ? plain(min) + ".." + plain(max) : ">= " + plain(min);
    String range = bounded ? "from " + plain(min) + " to " + plain(max) : "of at least " + plain(min);
    return new ValueType<>(allowed, "expected a number " + range, new ValueType.Codec<Double>() {
      @Override
      Double parse(String text) {
        double value = Double.parseDouble(text);
        return Double.isFinite(value) && value >= min && value <= max ? value : null;
      }

      @Override
      String format(Double value) {
        return plain(value);
      }
    });
  }

  static ValueType<Duration> duration(Duration min, Duration max) {
    String from = ValueSyntax.formatDuration(min);
    String to = ValueSyntax.formatDuration(max);
    return new ValueType<>(from + ".." + to,
        "expected a duration like 250ms, 30s, 2m or 1h, from " + from + " to " + to,
        new ValueType.Codec<Duration>() {
          @Override
          Duration parse(String text) {
            Duration value = ValueSyntax.parseDuration(text);
            return value.compareTo(min) >= 0 && value.compareTo(max) <= 0 ? value : null;
          }

          @Override
          String format(Duration value) {
            return ValueSyntax.formatDuration(value);
          }
        });
  }

  /** A byte size that fits an int, like {@code 512}, {@code 64KB} or {@code 1MB}. */
  static ValueType<Integer> size(int min, int max) {
    String from = ValueSyntax.formatSize(min);
    String to = ValueSyntax.formatSize(max);
    return new ValueType<>(from + ".." + to, "expected a size like 512, 64KB or 1MB, from " + from + " to " + to,
        new ValueType.Codec<Integer>() {
          @Override
          Integer parse(String text) {
            long value = ValueSyntax.parseSize(text);
            return value >= min && value <= max ? Integer.valueOf((int) value) : null;
          }

          @Override
          String format(Integer value) {
            return ValueSyntax.formatSize(value);
          }
        });
  }

  /** One word of a fixed set, in any case. */
  static ValueType<String> oneOf(List<String> options) {
    String joined = String.join(", ", options);
    return new ValueType<>(joined, "expected one of " + joined, new ValueType.Codec<String>() {
      @Override
      String parse(String text) {
        String word = text.toLowerCase(Locale.ROOT);
        return options.contains(word) ? word : null;
      }

      @Override
      String format(String value) {
        return value;
      }
    });
  }

  /** A comma list drawn from a fixed set; empty or {@code none} selects nothing. */
  static ValueType<List<String>> subsetOf(List<String> options) {
    String joined = String.join(", ", options);
    return new ValueType<>("comma list of " + joined + "; or none",
        "expected a comma-separated list of " + joined + " (or none)", new ValueType.Codec<List<String>>() {
          @Override
          List<String> parse(String text) {
            String listed = ValueSyntax.isOff(text) ? "" : text.toLowerCase(Locale.ROOT);
            List<String> chosen = ValueSyntax.parseDistinctList(listed);
            return options.containsAll(chosen) ? Collections.unmodifiableList(chosen) : null;
          }

          @Override
          String format(List<String> value) {
            return value.isEmpty() ? "none" : String.join(",", value);
          }
        });
  }

  static ValueType<Path> path() {
    return new ValueType<>("a file path", "expected a file path", new ValueType.Codec<Path>() {
      @Override
      Path parse(String text) {
        return text.isEmpty() ? null : Paths.get(text);
      }

      @Override
      String format(Path value) {
        return value.toString();
      }
    });
  }

  /** Non-blank free text, trimmed; {@code what} names it in problem lines. */
  static ValueType<String> text(String what) {
    return new ValueType<>(what, "expected " + what, new ValueType.Codec<String>() {
      @Override
      String parse(String text) {
        return text.isEmpty() ? null : text;
      }

      @Override
      String format(String value) {
        return value;
      }
    });
  }

  /** Prints {@code 3.0} as {@code 3} and {@code 0.2} as {@code 0.2}, never with an exponent. */
  static String plain(double value) {
    if (value == 0) {
      return "0";
    }
    // Double.toString is BigDecimal.valueOf's own text; only its exponent form needs BigDecimal, whose first use
    // on JDK 25 also sets up the common fork-join pool: some 12 ms of every start there.
    String text = Double.toString(value);
    if (!Double.isFinite(value) || text.indexOf('E') >= 0) {
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }
}
