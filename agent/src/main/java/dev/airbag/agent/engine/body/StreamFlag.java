package dev.airbag.agent.engine.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Whether a JSON request body asks for a streamed answer: a top-level {@code "stream": true}. */
public final class StreamFlag {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] KEY = {'"', 's', 't', 'r', 'e', 'a', 'm', '"'};
  private static final byte[] NAME = {'s', 't', 'r', 'e', 'a', 'm'};

  private StreamFlag() {}

  public static boolean isSet(byte[] body) {
    // Most bodies never mention it: a byte search spares them a parse.
    if (body == null || indexOf(body, KEY) < 0) {
      return false;
    }
    // Many that do say "stream": false (LangChain4j, every call): the byte scan answers for them without a parser.
    int[] value = TopLevelScan.locateFirst(body, NAME);
    if (value == TopLevelScan.NONE) {
      return false;
    }
    if (value != TopLevelScan.UNSURE) {
      // The scan checked each literal whole: a four-byte value that starts with 't' is true (a string has quotes).
      return value[1] - value[0] == 4 && body[value[0]] == 't';
    }
    return parse(body);
  }

  /** The parser's answer, for the bodies {@link TopLevelScan} cannot vouch for. */
  static boolean parse(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("stream".equals(name)) {
          return value == JsonToken.VALUE_TRUE;
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException | RuntimeException malformed) {
      return false;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
