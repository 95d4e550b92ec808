package dev.airbag.bench;

import java.util.Locale;

/** How figures are printed: few digits for readers, never scientific notation. Stateless. */
final class Numbers {
  private Numbers() {
  }

  static String format(Double value) {
    if (value == null) {
      return "";
    }
    double abs = Math.abs(value);
    if (abs >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : "%.2f", value);
  }

  static String signed(Double value) {
    if (value == null) {
      return "";
    }
    return (value >= 0 ? "+" : "") + format(value);
  }

  static String ratio(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
  }

  static String met(Boolean met) {
    return met == null ? "" : met ? "yes" : "NO";
  }
}
