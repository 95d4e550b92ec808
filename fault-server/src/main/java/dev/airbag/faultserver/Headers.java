package dev.airbag.faultserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The headers of one received request: a multi-map whose lookups ignore case, keeping the names as sent and
 * the order of arrival. Immutable and thread-safe.
 */
public final class Headers {
  private final List<Map.Entry<String, String>> entries;

  Headers(List<Map.Entry<String, String>> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The first value of {@code name} (any case), or {@code null}. */
  public String get(String name) {
    return first(name).orElse(null);
  }

  /** The first value of {@code name} (any case). */
  public Optional<String> first(String name) {
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Every value of {@code name} (any case), in order of arrival. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      if (e.getKey().equalsIgnoreCase(name)) {
        values.add(e.getValue());
      }
    }
    return Collections.unmodifiableList(values);
  }

  /** Whether some value of {@code name} contains {@code token} as a comma-separated element, ignoring case. */
  public boolean hasToken(String name, String token) {
    for (String value : all(name)) {
      for (String part : value.split(",")) {
        if (part.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The headers as a map from lower-case name to values, in order of first arrival. */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries) {
      map.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e.getValue());
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(map);
  }

  /** Every (name, value) pair as received. */
  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
