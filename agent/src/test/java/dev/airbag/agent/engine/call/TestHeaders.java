package dev.airbag.agent.engine.call;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** Request headers from name/value pairs, for tests. */
final class TestHeaders implements RequestHeaders {
  private final Map<String, String> headers = new LinkedHashMap<>();

  static TestHeaders of(String... namesAndValues) {
    TestHeaders headers = new TestHeaders();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  @Override
  public String first(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return header.getValue();
      }
    }
    return null;
  }

  @Override
  public void forEach(BiConsumer<String, String> action) {
    headers.forEach(action);
  }
}
