package dev.airbag.agent.engine.body;

/**
 * A byte scan of a JSON object body for its top-level {@code "model"} string, without a parser: it answers only for
 * a body it has checked to be one well-formed object in strict UTF-8, and says {@link #UNSURE} for anything else
 * (a BOM or another encoding, escapes in a top-level key or in the model, deep nesting, long names or numbers,
 * malformed JSON), which then goes to the parser. Being stricter than Jackson, never looser, is what keeps the
 * answer identical to the parser's. Not thread-safe; one instance per scan.
 */
final class TopLevelScan {
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

  private final byte[] b;
  private int i;

  private TopLevelScan(byte[] body) {
    this.b = body;
  }

  /** {valueStart, valueEnd} of the first top-level string model (quotes included), {@link #NONE} or {@link #UNSURE}. */
  static int[] locate(byte[] body) {
    try {
      return new TopLevelScan(body).object();
    } catch (Unsure e) {
      return UNSURE;
    }
  }

  private int[] object() {
    skipSpace();
    expect('{');
    int[] found = NONE;
    skipSpace();
    if (peek() == '}') {
      i++;
    } else {
      do {
        skipSpace();
        int keyStart = i;
        boolean escaped = key();
        boolean isModel = !escaped && isModelKey(keyStart + 1, i - 1);
        if (escaped && found == NONE) {
          // An escaped key may spell "model": only the parser can say.
          throw new Unsure();
        }
        skipSpace();
        expect(':');
        skipSpace();
        int valueStart = i;
        if (peek() == '"') {
          boolean valueEscaped = string();
          if (isModel && found == NONE) {
            if (valueEscaped) {
              throw new Unsure();
            }
            if (i - valueStart > MAX_MODEL) {
              throw new Unsure();
            }
            found = new int[] {valueStart, i};
          }
        } else {
          value(1);
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
    return found;
  }

  private boolean isModelKey(int from, int to) {
    if (to - from != MODEL.length) {
      return false;
    }
    for (int k = 0; k < MODEL.length; k++) {
      if (b[from + k] != MODEL[k]) {
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

  /** Consumes a string at {@code i}; true when it held an escape. */
  private boolean string() {
    expect('"');
    boolean escaped = false;
    while (true) {
      byte c = next();
      if (c == '"') {
        return escaped;
      }
      if (c < 0) {
        utf8Rest(c & 0xFF);
      } else if (c < 0x20) {
        // A raw control character: the parser's to reject.
        throw new Unsure();
      }
      if (c == '\\') {
        escaped = true;
        escape();
      }
    }
  }

  /** The rest of a well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates), else unsure. */
  private void utf8Rest(int lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuation(0x80, 0xBF);
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuation(lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
      continuation(0x80, 0xBF);
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      continuation(lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
      continuation(0x80, 0xBF);
      continuation(0x80, 0xBF);
    } else {
      throw new Unsure();
    }
  }

  private void continuation(int min, int max) {
    int c = next() & 0xFF;
    if (c < min || c > max) {
      throw new Unsure();
    }
  }

  private void escape() {
    byte c = next();
    if (c == 'u') {
      for (int k = 0; k < 4; k++) {
        byte h = next();
        if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
          throw new Unsure();
        }
      }
    } else if (c != '"' && c != '\\' && c != '/' && c != 'b' && c != 'f' && c != 'n' && c != 'r' && c != 't') {
      throw new Unsure();
    }
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

  private void skipSpace() {
    while (i < b.length && isSpace(b[i])) {
      i++;
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private byte peek() {
    if (i >= b.length) {
      throw new Unsure();
    }
    return b[i];
  }

  private byte next() {
    byte c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new Unsure();
    }
  }

  /** Thrown to leave the scan for the parser; no stack trace, as it is a normal answer. */
  private static final class Unsure extends RuntimeException {
    Unsure() {
      super(null, null, false, false);
    }
  }
}
