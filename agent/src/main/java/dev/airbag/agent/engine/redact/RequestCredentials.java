package dev.airbag.agent.engine.redact;

import dev.airbag.agent.engine.call.CallRequest;
import dev.airbag.agent.engine.call.RequestHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The credential values a request carries: its Authorization (bearer token, basic password), every header whose
 * name says key, token, secret, auth or signature (x-api-key, api-key, x-goog-api-key,
 * Ocp-Apim-Subscription-Key, ...), and the values of the same names in its query ({@code key=}, {@code sig=}).
 * Read only on demand, on a failure. Stateless.
 */
public final class RequestCredentials {
  // Matches the names Redactor.NAMED treats as secret, so what it would mask by name is masked by value too.
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(key|token|secret|password|passwd|auth|sig|signature|credential|cookie).*");
  private static final Pattern SCHEME = Pattern.compile("(?i)^(Bearer|Basic|Token|Digest)\\s+");

  private RequestCredentials() {
  }

  /** The request's credentials as a mask; {@link KnownSecrets#isEmpty()} when it carries none. */
  public static KnownSecrets of(CallRequest request) {
    return KnownSecrets.of(request == null ? List.of() : values(request.headers(), request.rawQuery()));
  }

  /** The raw credential values of these headers and query, in the order they appear; for a digest, never to show. */
  public static List<String> values(RequestHeaders headers, String rawQuery) {
    List<String> values = new ArrayList<>();
    fromHeaders(headers, values);
    fromQuery(rawQuery, values);
    return values;
  }

  private static void fromHeaders(RequestHeaders headers, List<String> values) {
    headers.forEach((name, value) -> {
      if (name == null || value == null || !SECRET_NAME.matcher(name).matches()) {
        return;
      }
      String trimmed = value.trim();
      values.add(trimmed);
      java.util.regex.Matcher scheme = SCHEME.matcher(trimmed);
      if (scheme.find()) {
        String credential = trimmed.substring(scheme.end()).trim();
        values.add(credential);
        if ("basic".equalsIgnoreCase(scheme.group(1))) {
          basicPassword(credential, values);
        }
      }
    });
  }

  private static void basicPassword(String encoded, List<String> values) {
    try {
      String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon >= 0) {
        values.add(pair.substring(colon + 1));
      }
    } catch (IllegalArgumentException notBase64) {
      // Not a basic credential after all; its raw value is masked already.
    }
  }

  private static void fromQuery(String rawQuery, List<String> values) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || !SECRET_NAME.matcher(pair.substring(0, equals).toLowerCase(Locale.ROOT)).matches()) {
        continue;
      }
      String raw = pair.substring(equals + 1);
      values.add(raw);
      try {
        values.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEscape) {
        // The raw form is masked; a malformed escape cannot appear decoded anywhere.
      }
    }
  }
}
