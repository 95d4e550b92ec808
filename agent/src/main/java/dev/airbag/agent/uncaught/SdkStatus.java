package dev.airbag.agent.uncaught;

import dev.airbag.agent.engine.classify.Category;

/**
 * Reads the HTTP status the openai-java and anthropic-java SDKs put at the head of their service exceptions'
 * messages ({@code "529: {...}"}), so that one exception class covering many statuses still gets the right
 * category, without reflection on the app's objects. Stateless.
 */
final class SdkStatus {
  private SdkStatus() {
  }

  /** The leading status, or -1 when the message does not start with three digits and a colon. */
  static int of(String message) {
    if (message == null || message.length() < 4 || message.charAt(3) != ':') {
      return -1;
    }
    int status = 0;
    for (int i = 0; i < 3; i++) {
      char c = message.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      status = status * 10 + (c - '0');
    }
    return status;
  }

  /** The mission table's category for a status, or null when it adds nothing (no status, or a 2xx/3xx). */
  static Category category(int status) {
    switch (status) {
      case 503:
      case 529:
        return Category.OVERLOADED;
      case 429:
        return Category.RATE_LIMITED;
      case 401:
      case 403:
        return Category.AUTH;
      case 404:
        return Category.NOT_FOUND;
      case 408:
        return Category.TIMEOUT;
      case 413:
        return Category.CONTEXT_LENGTH;
      default:
        if (status >= 500 && status < 600) {
          return Category.TRANSIENT;
        }
        return status >= 400 && status < 500 ? Category.BAD_REQUEST : null;
    }
  }
}
