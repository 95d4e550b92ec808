package dev.airbag.agent.telemetry.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bounds on attribute values, applied on the app thread when an event is built, so that a huge provider
 * message or list can never make the queue hold an unbounded amount of memory. Stateless.
 */
public final class AttributeValues {
  /** Longest string kept, in chars; a longer one is cut and ends with {@link #ELLIPSIS}. */
  public static final int MAX_STRING_CHARS = 8192;
  /** Most list elements kept; the rest are dropped, as are null elements. */
  public static final int MAX_LIST_ELEMENTS = 256;
  static final char ELLIPSIS = '…';

  private AttributeValues() {
  }

  static String bound(String value) {
    if (value.length() <= MAX_STRING_CHARS) {
      return value;
    }
    int end = MAX_STRING_CHARS - 1;
    // Never cut between the two halves of a surrogate pair.
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end) + ELLIPSIS;
  }

  static List<String> bound(List<String> value) {
    List<String> copy = new ArrayList<>(Math.min(value.size(), MAX_LIST_ELEMENTS));
    for (String element : value) {
      if (copy.size() == MAX_LIST_ELEMENTS) {
        break;
      }
      if (element != null) {
        copy.add(bound(element));
      }
    }
    return Collections.unmodifiableList(copy);
  }
}
