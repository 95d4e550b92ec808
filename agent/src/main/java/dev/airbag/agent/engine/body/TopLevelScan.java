package dev.airbag.agent.engine.body;

/**
 * A byte scan of a JSON object body for its top-level {@code "model"} string and its first top-level
 * {@code "stream"} value, in one pass, without a parser: it answers only for a body it has checked to be one
 * well-formed object in strict UTF-8, and answers null for anything else (a BOM or another encoding, escapes in a
 * top-level key or in the model, deep nesting, long names or numbers, malformed JSON), which then goes to the parser.
 * Being stricter than Jackson, never looser, is what keeps the answer identical to the parser's. Not thread-safe; one
 * instance per scan.
 */
final class TopLevelScan extends JsonCursor {
  /** The body is a well-formed object without that field (a top-level string model, a top-level stream). */
  static final int[] NONE = new int[0];
  // Well inside Jackson's default nesting (1,000) and number length (1,000) bounds: no body near them is vouched for.
  private static final int MAX_DEPTH = 200;
  private static final int MAX_NUMBER = 200;
  // Jackson bounds names (50,000 chars since 2.16) and decoded strings: stay far below both.
  private static final int MAX_KEY = 1_000;
  private static final int MAX_MODEL = 10_000;
  private static final byte[] MODEL = {'m', 'o', 'd', 'e', 'l'};

  private static final byte[] STREAM = {'s', 't', 'r', 'e', 'a', 'm'};

  private int[] model = NONE;
  private int[] stream = NONE;

  private TopLevelScan(byte[] body) {
    super(body);
  }

  /**
   * {valueStart, valueEnd} of the first top-level string model (quotes included) and of the first top-level
   * {@code "stream"} value whatever its kind (what a parser that stops at the first such member reads), each
   * {@link #NONE} when there is none; null when the scan cannot vouch for the body.
   */
  static int[][] locateModelAndStream(byte[] body) {
    TopLevelScan scan = new TopLevelScan(body);
    return scan.completes() ? new int[][] {scan.model, scan.stream} : null;
  }

  private boolean completes() {
    try {
      object();
      return true;
    } catch (JsonCursor.Unsure e) {
      return false;
    }
  }

  private void object() {
    skipSpace();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      i++;
    } else {
      do {
        skipSpace();
        int keyStart = i;
        boolean escaped = key();
        boolean isModel = !escaped && model == NONE && isKey(keyStart + 1, i - 1, MODEL);
        boolean isStream = !escaped && stream == NONE && isKey(keyStart + 1, i - 1, STREAM);
        if (escaped && (model == NONE || stream == NONE)) {
          // An escaped key may spell a key sought: only the parser can say.
          throw new Unsure();
        }
        skipSpace();
        expect(':');
        skipSpace();
        int valueStart = i;
        if (peek() == '"') {
          boolean valueEscaped = string();
          if (isModel || isStream) {
            if (valueEscaped || i - valueStart > MAX_MODEL) {
              throw new Unsure();
            }
            int[] found = {valueStart, i};
            model = isModel ? found : model;
            stream = isStream ? found : stream;
          }
        } else {
          value(1);
          if (isStream) {
            stream = new int[] {valueStart, i};
          }
        }
        skipSpace();
      } while (next() == ',');
      i--;
      expect('}');
    }
    skipSpace();
    if (i != b.length) {
      throw new Unsure();
    }
  }

  private boolean isKey(int from, int to, byte[] key) {
    if (to - from != key.length) {
      return false;
    }
    for (int k = 0; k < key.length; k++) {
      if (b[from + k] != key[k]) {
        return false;
      }
    }
    return true;
  }

  private void value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new Unsure();
    }
    byte c = peek();
    if (c == '"') {
      string();
    } else if (c == '{') {
      i++;
      members(depth);
    } else if (c == '[') {
      i++;
      elements(depth);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number();
    } else {
      literal();
    }
  }

  private void members(int depth) {
    skipSpace();
    if (peek() == '}') {
      i++;
      return;
    }
    do {
      skipSpace();
      key();
      skipSpace();
      expect(':');
      skipSpace();
      value(depth + 1);
      skipSpace();
    } while (next() == ',');
    i--;
    expect('}');
  }

  private void elements(int depth) {
    skipSpace();
    if (peek() == ']') {
      i++;
      return;
    }
    do {
      skipSpace();
      value(depth + 1);
      skipSpace();
    } while (next() == ',');
    i--;
    expect(']');
  }

  private boolean key() {
    int start = i;
    boolean escaped = string();
    if (i - start > MAX_KEY) {
      throw new Unsure();
    }
    return escaped;
  }

  /** RFC 8259 numbers only: {@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}. */
  private void number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else {
      digits();
    }
    if (i < b.length && b[i] == '.') {
      i++;
      digits();
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      digits();
    }
    if (i - start > MAX_NUMBER) {
      throw new Unsure();
    }
    ended();
  }

  private void digits() {
    if (!isDigit(peek())) {
      throw new Unsure();
    }
    while (i < b.length && isDigit(b[i])) {
      i++;
    }
  }

  private void literal() {
    byte c = peek();
    String word = c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : null;
    if (word == null || i + word.length() > b.length) {
      throw new Unsure();
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        throw new Unsure();
      }
    }
    i += word.length();
    ended();
  }

  /** A number or literal must be followed by a separator ("truex", "12ab" are the parser's to judge). */
  private void ended() {
    if (i < b.length) {
      byte c = b[i];
      if (c != ',' && c != '}' && c != ']' && !isSpace(c)) {
        throw new Unsure();
      }
    }
  }
}
