package dev.airbag.faultserver;

/** One HTTP/1.x request as read off a connection, body already de-chunked. */
record HttpRequest(String method, String target, String version, Headers headers, byte[] body,
    long arrivalNanos) {

  /** Whether the client wants the connection closed after this exchange. */
  boolean wantsClose() {
    if (headers.hasToken("Connection", "close")) {
      return true;
    }
    // HTTP/1.0 closes by default unless the client asked to keep the connection alive.
    return "HTTP/1.0".equals(version) && !headers.hasToken("Connection", "keep-alive");
  }
}
