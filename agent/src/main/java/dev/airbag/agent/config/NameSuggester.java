package dev.airbag.agent.config;

import java.util.List;
import java.util.Locale;

/**
 * Finds the known name closest to a misspelled one by edit distance, ignoring case, so that a problem line can
 * say "did you mean ...?". Family shapes count: a name close to {@code prefix + anything + suffix} suggests that
 * shape with the user's own variable part. Stateless.
 */
final class NameSuggester {
  /** A family's fixed parts around its variable part. */
  static final class Shape {
    final String prefix;
    final String suffix;

    Shape(String prefix, String suffix) {
      this.prefix = prefix;
      this.suffix = suffix;
    }
  }

  private NameSuggester() {}

  /** The closest known name or family member if it is reasonably close, else null. */
  static String suggest(String name, List<String> names, List<Shape> shapes) {
    String lower = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestSlack = Integer.MAX_VALUE;
    for (String candidate : names) {
      int slack = distance(lower, candidate.toLowerCase(Locale.ROOT)) - tolerance(candidate.length());
      if (slack <= 0 && slack < bestSlack) {
        best = candidate;
        bestSlack = slack;
      }
    }
    for (Shape shape : shapes) {
      int[] split = new int[2];
      int slack = shapeDistance(lower, shape, split) - tolerance(shape.prefix.length() + shape.suffix.length());
      if (slack <= 0 && slack < bestSlack) {
        best = shape.prefix + name.substring(split[0], split[1]) + shape.suffix;
        bestSlack = slack;
      }
    }
    return best;
  }

  // Short names tolerate two edits, long ones three: enough for a typo, too few for a different key.
  private static int tolerance(int length) {
    return length <= 20 ? 2 : 3;
  }

  /** Edit distance with adjacent transpositions (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /**
   * The least cost of reading {@code name} as prefix, a non-empty variable part, suffix; stores the variable
   * part's bounds in {@code split}.
   */
  private static int shapeDistance(String name, Shape shape, int[] split) {
    int n = name.length();
    int[] headCost = new int[n + 1];
    int[] tailCost = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      headCost[i] = distance(shape.prefix.toLowerCase(Locale.ROOT), name.substring(0, i));
      tailCost[i] = distance(shape.suffix.toLowerCase(Locale.ROOT), name.substring(i));
    }
    int best = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      // The variable part is whole segments: it starts after the prefix's separator and ends before the suffix's.
      if (!shape.prefix.isEmpty() && (i == 0 || name.charAt(i - 1) != last(shape.prefix))) {
        continue;
      }
      for (int j = i + 1; j <= n; j++) {
        if (!shape.suffix.isEmpty() && j < n && name.charAt(j) != Character.toLowerCase(shape.suffix.charAt(0))) {
          continue;
        }
        if (headCost[i] + tailCost[j] < best) {
          best = headCost[i] + tailCost[j];
          split[0] = i;
          split[1] = j;
        }
      }
    }
    return best;
  }

  private static char last(String text) {
    return Character.toLowerCase(text.charAt(text.length() - 1));
  }
}
