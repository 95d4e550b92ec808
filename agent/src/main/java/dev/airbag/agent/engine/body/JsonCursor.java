package dev.airbag.agent.engine.body;

/**
 * A cursor over the bytes of a JSON body for {@link TopLevelScan}: whitespace, strings (strict UTF-8, escapes
 * checked) and single bytes, each throwing {@link Unsure} at anything the parser should judge instead. Not
 * thread-safe; one instance per scan.
 */
abstract class JsonCursor {
  final byte[] b;
  int i;

  JsonCursor(byte[] body) {
    this.b = body;
  }

  /** Consumes a string at {@code i}; true when it held an escape. */
  final boolean string() {
    expect('"');
    boolean escaped = false;
    while (true) {
      // Most bytes of a body are plain ASCII inside strings (the messages): skip them in a tight loop.
      byte[] bytes = b;
      int at = i;
      while (at < bytes.length && bytes[at] >= 0x20 && bytes[at] != '"' && bytes[at] != '\\') {
        at++;
      }
      i = at;
      byte c = next();
      if (c == '"') {
        return escaped;
      }
      if (c < 0) {
        utf8Rest(c & 0xFF);
      } else if (c < 0x20) {
        // A raw control character: the parser's to reject.
        throw new Unsure();
      } else {
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

  final void skipSpace() {
    while (i < b.length && isSpace(b[i])) {
      i++;
    }
  }

  static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  final byte peek() {
    if (i >= b.length) {
      throw new Unsure();
    }
    return b[i];
  }

  final byte next() {
    byte c = peek();
    i++;
    return c;
  }

  final void expect(char c) {
    if (next() != c) {
      throw new Unsure();
    }
  }

  /** Thrown to leave the scan for the parser; no stack trace, as it is a normal answer. */
  static final class Unsure extends RuntimeException {
    Unsure() {
      super(null, null, false, false);
    }
  }
}
