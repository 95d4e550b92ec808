package dev.airbag.agent.engine.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Watches the bytes of a server-sent-event stream as they pass to the app and reports the data of the first error
 * event: an {@code event: error} (Anthropic) or a {@code data:} line holding an error object (OpenAI and
 * compatibles). Looks at line starts only and keeps at most one bounded line. Not thread-safe: one per stream.
 */
public final class SseErrorScanner {
  private static final int MAX_LINE = 16 * 1024;
  private static final byte[] EVENT_ERROR = "event: error".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_ERROR_TIGHT = "event:error".getBytes(StandardCharsets.US_ASCII);

  private final Consumer<byte[]> onError;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private boolean lineTooLong;
  private boolean inErrorEvent;
  private boolean reported;

  public SseErrorScanner(Consumer<byte[]> onError) {
    this.onError = onError;
  }

  public void accept(byte b) {
    if (reported) {
      return;
    }
    if (b == '\n') {
      endOfLine();
      return;
    }
    if (b == '\r') {
      return;
    }
    if (line.size() < MAX_LINE) {
      line.write(b);
    } else {
      lineTooLong = true;
    }
  }

  private void endOfLine() {
    byte[] bytes = line.toByteArray();
    line.reset();
    boolean truncated = lineTooLong;
    lineTooLong = false;
    if (bytes.length == 0) {
      inErrorEvent = false;
      return;
    }
    if (startsWith(bytes, EVENT_ERROR) || startsWith(bytes, EVENT_ERROR_TIGHT)) {
      inErrorEvent = true;
      return;
    }
    if (!startsWith(bytes, "data:".getBytes(StandardCharsets.US_ASCII)) || truncated && !inErrorEvent) {
      return;
    }
    String data = new String(bytes, 5, bytes.length - 5, StandardCharsets.UTF_8).trim();
    String compact = data.replace(" ", "");
    if (inErrorEvent || compact.startsWith("{\"error\"") || compact.startsWith("{\"type\":\"error\"")) {
      reported = true;
      onError.accept(data.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
