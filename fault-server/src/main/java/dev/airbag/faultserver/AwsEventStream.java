package dev.airbag.faultserver;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * AWS's binary event stream ({@code application/vnd.amazon.eventstream}), as Bedrock's {@code converse-stream}
 * answers: each message is its total and headers lengths, a CRC32 of those 8 bytes, string headers ({@code
 * :event-type}, {@code :content-type}, {@code :message-type}), a JSON payload, and a CRC32 of everything before it.
 * Stateless.
 */
final class AwsEventStream {
  static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
  private static final byte STRING = 7;

  private AwsEventStream() {}

  /** One event: the payload is the event member's JSON. */
  record Event(String type, String json) {}

  /** The messages of {@code events}, one after another. */
  static byte[] encode(List<Event> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Event event : events) {
      out.writeBytes(message(event));
    }
    return out.toByteArray();
  }

  static byte[] message(Event event) {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    header(headers, ":event-type", event.type());
    header(headers, ":content-type", "application/json");
    header(headers, ":message-type", "event");
    byte[] payload = event.json().getBytes(StandardCharsets.UTF_8);
    int total = 12 + headers.size() + payload.length + 4;
    ByteBuffer buffer = ByteBuffer.allocate(total);
    buffer.putInt(total).putInt(headers.size());
    buffer.putInt((int) crc(buffer.array(), 0, 8));
    buffer.put(headers.toByteArray()).put(payload);
    buffer.putInt((int) crc(buffer.array(), 0, total - 4));
    return buffer.array();
  }

  private static void header(ByteArrayOutputStream out, String name, String value) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    out.write(n.length);
    out.writeBytes(n);
    out.write(STRING);
    out.write(v.length >>> 8);
    out.write(v.length & 0xff);
    out.writeBytes(v);
  }

  private static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}
