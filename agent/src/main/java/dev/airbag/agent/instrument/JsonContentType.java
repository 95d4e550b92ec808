package dev.airbag.agent.instrument;

/**
 * Whether a request's content type names JSON ({@code application/json}, {@code application/vnd.api+json}, any case):
 * only such a body is read for its model. One check for every adapter, made on each LLM call, so it makes no
 * lower-cased copy of the header. Stateless.
 */
public final class JsonContentType {
  private JsonContentType() {}

  /** True when {@code contentType} (null for none) contains "json" in any ASCII case. */
  public static boolean named(String contentType) {
    if (contentType == null) {
      return false;
    }
    for (int i = 0; i + 4 <= contentType.length(); i++) {
      if (lower(contentType.charAt(i)) == 'j' && lower(contentType.charAt(i + 1)) == 's'
          && lower(contentType.charAt(i + 2)) == 'o' && lower(contentType.charAt(i + 3)) == 'n') {
        return true;
      }
    }
    return false;
  }

  // ASCII only: no other character lower-cases to j, s, o or n, so this answers as toLowerCase(ROOT) would.
  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
