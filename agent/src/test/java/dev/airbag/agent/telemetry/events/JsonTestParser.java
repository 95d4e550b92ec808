package dev.airbag.agent.telemetry.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses one JSON object with jackson-core into ordered Java values, failing on anything after it. */
public final class JsonTestParser {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTestParser() {
  }

  public static Map<String, Object> parseObject(byte[] json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      assertEquals(JsonToken.START_OBJECT, parser.nextToken());
      Map<String, Object> object = readObject(parser);
      assertNull(parser.nextToken(), "one JSON value only");
      return object;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      object.put(name, readValue(parser, parser.nextToken()));
    }
    return object;
  }

  private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return parser.getBooleanValue();
      case VALUE_NULL:
        return null;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(readValue(parser, t));
        }
        return array;
      case START_OBJECT:
        return readObject(parser);
      default:
        throw new AssertionError("unexpected token " + token);
    }
  }
}
