package dev.airbag.agent.engine.body;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Whether a JSON request body asks for a streamed answer: a top-level {@code "stream": true}. */
public final class StreamFlag {
  private static final JsonFactory JSON = new JsonFactory();

  private StreamFlag() {}

  /** True for a top-level {@code "stream": true}, as {@link BodyFields#read} finds it with the model. */
  public static boolean isSet(byte[] body) {
    return BodyFields.read(body).stream();
  }

  /** Whether the value the scan found is {@code true}; false for {@link TopLevelScan#NONE}. */
  static boolean isTrue(byte[] body, int[] value) {
    // The scan checked each literal whole: a four-byte value that starts with 't' is true (a string has quotes).
    return value != TopLevelScan.NONE && value[1] - value[0] == 4 && body[value[0]] == 't';
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

}
