package dev.airbag.agent.engine.body;

/**
 * A byte scan of a JSON object body for its top-level {@code "model"} string (and, when asked, the first top-level
 * {@code "stream"} value) without a parser: it answers only for a body it has checked to be one well-formed object in
 * strict UTF-8, and says {@link #UNSURE} for anything else
 * (a BOM or another encoding, escapes in a top-level key or in the model, deep nesting, long names or numbers,
 * malformed JSON), which then goes to the parser. Being stricter than Jackson, never looser, is what keeps the
 * answer identical to the parser's. Not thread-safe; one instance per scan.
 */
final class TopLevelScan extends JsonCursor {
  /** The scan cannot vouch for this body: ask the parser. */
  static final int[] UNSURE = new int[0];
  /** The body is a well-formed object without a top-level string model. */
  static final int[] NONE = new int[0];
  // Well inside Jackson's default nesting (1,000) and number length (1,000) bounds: no body near them is vouched for.
  private static final int MAX_DEPTH = 200;
  private static final int MAX_NUMBER = 200;
  // Jackson bounds names (50,000 chars since 2.16) and decoded strings: stay far below both.
  private static final int MAX_KEY = 1_000;
  private static final int MAX_MODEL = 10_000;
  private static final byte[] MODEL = {'m', 'o', 'd', 'e', 'l'};

  private static final byte[] STREAM = {'s', 't', 'r', 'e', 'a', 'm'};

  /** Another key whose first top-level value of any kind is sought beside the model, or null. */
  private final byte[] other;
  private int[] model = NONE;
  private int[] otherValue = NONE;

  private TopLevelScan(byte[] body, byte[] other) {
    super(body);
    this.other = other;
  }

  /** {valueStart, valueEnd} of the first top-level string model (quotes included), {@link #NONE} or {@link #UNSURE}. */
  static int[] locate(byte[] body) {
    TopLevelScan scan = new TopLevelScan(body, null);
    return scan.completes() ? scan.model : UNSURE;
  }

  /**
   * The model (as {@link #locate} finds it) and the first top-level {@code "stream"} value whatever its kind (what a
   * parser that stops at the first such member reads), in one pass; null when the scan cannot vouch for the body.
   */
  static int[][] locateModelAndStream(byte[] body) {
    TopLevelScan scan = new TopLevelScan(body, STREAM);
    return scan.completes() ? new int[][] {scan.model, scan.otherValue} : null;
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
        boolean isOther = !escaped && other != null && otherValue == NONE && isKey(keyStart + 1, i - 1, other);
        if (escaped && (model == NONE || other != null && otherValue == NONE)) {
          // An escaped key may spell a key sought: only the parser can say.
          throw new Unsure();
        }
        skipSpace();
        expect(':');
        skipSpace();
        int valueStart = i;
        if (peek() == '"') {
          boolean valueEscaped = string();
          if (isModel || isOther) {
            if (valueEscaped || i - valueStart > MAX_MODEL) {
              throw new Unsure();
            }
            int[] found = {valueStart, i};
            model = isModel ? found : model;
            otherValue = isOther ? found : otherValue;
          }
        } else {
          value(1);
          if (isOther) {
            otherValue = new int[] {valueStart, i};
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
