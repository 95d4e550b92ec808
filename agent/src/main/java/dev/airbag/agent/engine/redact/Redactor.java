package dev.airbag.agent.engine.redact;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets (API keys, bearer tokens, JWTs, key query values, long random strings) in free text before it
 * leaves the process, and bounds its length. Over-masking is preferred to leaking: a masked word costs a
 * little debugging, a leaked key costs a rotation. Stateless and thread-safe.
 */
public final class Redactor {
  public static final String MASK = "****";
  public static final int DEFAULT_MAX_LENGTH = 500;
  private static final String ELLIPSIS = "…";
  // Every pattern matches a secret within far fewer chars, so a secret cut by the pre-cut is still masked.
  private static final int SCAN_MARGIN = 256;

  // "Token" is also an English word: only a long value after it is taken for a credential.
  private static final Pattern BEARER = Pattern.compile(
      "(?i)\\b(Bearer|Basic|Token(?=\\s+[A-Za-z0-9._~+/=\\-]{16,}))\\s+(?!\\*{4})[A-Za-z0-9._~+/=\\-]{6,}");
  private static final Pattern NAMED = Pattern.compile(
      "(?i)(?<![\\w-])([\\w-]*(?:api[_-]?key|key|token|secret|password|passwd|sig|signature|authorization)"
          + "\"?\\s*[:=]\\s*\"?)(?!\\*{4}|Bearer\\b|Basic\\b|Token\\b)([^\\s\"'&,;#}<>]+)");
  private static final Pattern TOKENS = Pattern.compile(String.join("|",
      // OpenAI and Anthropic keys, including the partly starred echoes in provider messages (sk-abc...xyz).
      "\\bsk-[A-Za-z0-9_*\\-]+(?:\\.{2,}[A-Za-z0-9_*\\-]+)*",
      "\\bAIza[0-9A-Za-z_\\-]{20,}",
      "\\beyJ[A-Za-z0-9_\\-]{5,}\\.eyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]*",
      "\\bgh[pousr]_[A-Za-z0-9]{20,}",
      // Hugging Face, Voyage, Groq, xAI, Replicate and Slack keys: a known prefix, then a long random tail.
      "\\b(?:hf_|pa-|gsk_|xai-|r8_|xox[abprs]-)[A-Za-z0-9_\\-]{20,}",
      "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b",
      "\\b[0-9a-fA-F]{32,}\\b"));
  // 32 covers Mistral's and Azure's keys; mixed-case runs that long are never words (see looksRandom).
  private static final Pattern LONG_RANDOM = Pattern.compile("(?<![A-Za-z0-9+/_\\-])[A-Za-z0-9+/_\\-]{32,}={0,2}");
  // A mask inside a longer word (canaryplainsecret-****) would leave the secret's first part readable.
  private static final Pattern MASK_IN_WORD = Pattern.compile("[A-Za-z0-9_\\-]*\\*{4}[A-Za-z0-9_\\-]*");

  private Redactor() {
  }

  /** Masks secrets and bounds the result to {@value #DEFAULT_MAX_LENGTH} chars; null stays null. */
  public static String redact(String text) {
    return redact(text, DEFAULT_MAX_LENGTH);
  }

  /** Masks secrets and bounds the result to {@code maxLength} chars, the last being "…" when cut. */
  public static String redact(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    int bound = Math.max(1, maxLength);
    // Never run the patterns over a huge text: only the first {@code bound} chars survive anyway.
    String scanned = text.length() > bound + SCAN_MARGIN ? text.substring(0, bound + SCAN_MARGIN) : text;
    String masked = maskLongRandom(TOKENS.matcher(
        NAMED.matcher(BEARER.matcher(scanned).replaceAll("$1 " + MASK)).replaceAll("$1" + MASK)).replaceAll(MASK));
    return truncate(MASK_IN_WORD.matcher(masked).replaceAll(MASK), bound);
  }

  /** {@code scheme://host[:port]/path}, without userinfo, query or fragment; null for null. */
  public static String safeEndpoint(URI uri) {
    if (uri == null) {
      return null;
    }
    if (uri.getHost() == null) {
      // Opaque or relative URIs have no host to show; the scheme alone is still useful and safe.
      return uri.getScheme() == null ? "" : uri.getScheme() + ":";
    }
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null) {
      out.append(uri.getScheme()).append("://");
    }
    out.append(uri.getHost());
    if (uri.getPort() >= 0) {
      out.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty()) {
      // Some gateways carry the key in the path (/key/sk-...): mask it like any other text.
      out.append(redact(path, 2048));
    }
    return out.toString();
  }

  private static String maskLongRandom(String text) {
    Matcher m = LONG_RANDOM.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      // Only mixed-case alphanumerics look random; long identifiers and paths are usually one case.
      if (!looksRandom(text, m.start(), m.end())) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, m.start()).append(MASK);
      last = m.end();
    }
    return out == null ? text : out.append(text, last, text.length()).toString();
  }

  private static boolean looksRandom(String text, int start, int end) {
    boolean digit = false;
    boolean lower = false;
    boolean upper = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      digit |= c >= '0' && c <= '9';
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    return digit && lower && upper;
  }

  private static String truncate(String text, int bound) {
    if (text.length() <= bound) {
      return text;
    }
    int cut = bound - 1;
    // Never split a surrogate pair: half an emoji is not valid UTF-16.
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + ELLIPSIS;
  }
}
