package dev.airbag.agent.engine.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The top-level {@code "model"} string of a JSON request body and where its value sits, so that a fallback can
 * replace exactly those bytes and leave every other byte of the body unchanged. Immutable.
 */
public final class ModelField {
  private static final JsonFactory JSON = new JsonFactory();
  /**
   * Model names seen lately, so that each call's model is the same String as the last call's: a new one per call
   * was an allocation and a hash computed again by every map the call passes (its circuit, budget and meters).
   * Racy by design: a lost write only costs a new String.
   */
  private static final String[] RECENT = new String[16];

  private final String model;
  private final int valueStart;
  private final int valueEnd;

  private ModelField(String model, int valueStart, int valueEnd) {
    this.model = model;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
  }

  /**
   * Finds the top-level model of a JSON object body; null when the body is not a JSON object, is malformed, or
   * has no top-level string {@code model}. Nested {@code model} keys (inside messages, tools) are skipped.
   */
  public static ModelField locate(byte[] body) {
    return BodyFields.read(body).model();
  }

  /** The model at {valueStart, valueEnd} as the scan found it (quotes included); null for {@link TopLevelScan#NONE}. */
  static ModelField at(byte[] body, int[] value) {
    if (value == TopLevelScan.NONE) {
      return null;
    }
    int start = value[0];
    int end = value[1];
    return new ModelField(text(body, start + 1, end - 1), start, end);
  }

  /** The bytes {@code from} to {@code to} (exclusive) as text, the String seen last for them when they are ASCII. */
  private static String text(byte[] body, int from, int to) {
    int length = to - from;
    int slot = length == 0 ? 0 : (length ^ body[from] ^ (body[to - 1] << 3)) & (RECENT.length - 1);
    String seen = RECENT[slot];
    if (seen != null && seen.length() == length) {
      int i = 0;
      // A non-ASCII byte is negative and equals no char: such names are decoded every time.
      while (i < length && body[from + i] == seen.charAt(i)) {
        i++;
      }
      if (i == length) {
        return seen;
      }
    }
    String model = new String(body, from, length, StandardCharsets.UTF_8);
    RECENT[slot] = model;
    return model;
  }

  /** The parser's answer, for the bodies {@link TopLevelScan} cannot vouch for. */
  static ModelField parse(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ModelField found = null;
      JsonToken token = parser.nextToken();
      for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (found == null && "model".equals(name) && value == JsonToken.VALUE_STRING) {
          int start = (int) parser.currentTokenLocation().getByteOffset();
          String model = parser.getText();
          int end = (int) parser.currentLocation().getByteOffset();
          found = body[start] == '"' && body[end - 1] == '"' ? new ModelField(model, start, end) : null;
        }
        parser.skipChildren();
      }
      // The whole body must be one well-formed object: rewriting a broken body would only move the breakage.
      return token == JsonToken.END_OBJECT && parser.nextToken() == null ? found : null;
    } catch (IOException | RuntimeException malformed) {
      // Not JSON, or not JSON we understand: the body passes through untouched.
      return null;
    }
  }

  public String model() {
    return model;
  }

  /** A copy of {@code body} whose model value is {@code newModel}; every other byte is unchanged. */
  public byte[] rewrite(byte[] body, String newModel) {
    byte[] replacement = quote(newModel);
    byte[] result = new byte[body.length - (valueEnd - valueStart) + replacement.length];
    System.arraycopy(body, 0, result, 0, valueStart);
    System.arraycopy(replacement, 0, result, valueStart, replacement.length);
    System.arraycopy(body, valueEnd, result, valueStart + replacement.length, body.length - valueEnd);
    return result;
  }

  private static byte[] quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString().getBytes(StandardCharsets.UTF_8);
  }
}
