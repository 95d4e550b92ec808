package dev.airbag.agent.uncaught;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a small JSON document (a model's answer) into maps, lists, strings, numbers, booleans and nulls with
 * jackson's streaming parser, refusing anything nested deeper than {@value #MAX_DEPTH}. Stateless and
 * thread-safe (the shared {@link JsonFactory} is).
 */
final class SmallJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_DEPTH = 16;

  private SmallJson() {
  }

  /** The document's value; throws IOException when it is not exactly one well-formed JSON value. */
  static Object parse(String text) throws IOException {
    try (JsonParser parser = JSON.createParser(text)) {
      Object value = read(parser, parser.nextToken(), 0);
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the JSON value");
      }
      return value;
    }
  }

  private static Object read(JsonParser p, JsonToken token, int depth) throws IOException {
    if (token == null) {
      throw new IOException("no JSON value");
    }
    if (depth > MAX_DEPTH) {
      throw new IOException("JSON nested deeper than " + MAX_DEPTH);
    }
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          map.put(name, read(p, p.nextToken(), depth + 1));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        JsonToken element;
        while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(read(p, element, depth + 1));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + token);
    }
  }
}
