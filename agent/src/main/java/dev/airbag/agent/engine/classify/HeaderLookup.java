package dev.airbag.agent.engine.classify;

import java.util.Map;
import java.util.TreeMap;

/** Case-insensitive access to a response's headers, whatever HTTP client produced them. */
@FunctionalInterface
public interface HeaderLookup {
  /** The first value of the header, or null when absent. Names are matched ignoring case. */
  String get(String name);

  HeaderLookup NONE = name -> null;

  /** A lookup over a plain map, for tests and synthesized responses. */
  static HeaderLookup of(Map<String, String> headers) {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    return copy::get;
  }
}
