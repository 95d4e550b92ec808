package dev.airbag.faultserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a {@link ResponseSpec} onto a connection byte by byte as the spec says: delays, chunking, gzip, cuts
 * and drops. One per connection; not thread-safe.
 */
final class ResponseWriter {
  private final Socket socket;
  private final OutputStream out;

  ResponseWriter(Socket socket, OutputStream out) {
    this.socket = socket;
    this.out = out;
  }

  /** Write the response; returns whether the connection may carry another request. */
  boolean write(ResponseSpec spec, boolean clientWantsClose) throws IOException, InterruptedException {
    switch (spec.ending()) {
      case DROP -> {
        socket.close();
        return false;
      }
      case RESET -> {
        // SO_LINGER 0 makes close() send RST instead of FIN.
        socket.setSoLinger(true, 0);
        socket.close();
        return false;
      }
      default -> { }
    }
    sleep(spec.firstByteDelay());
    boolean close = clientWantsClose || spec.closesConnection() || spec.ending() == ResponseSpec.Ending.CUT;
    if (spec.fillerBytes() > 0) {
      return writeFiller(spec, close);
    }
    List<byte[]> pieces = pieces(spec);
    boolean chunked = spec.streaming() || !spec.chunkDelay().isZero();
    StringBuilder head = head(spec);
    if (gzip(spec)) {
      head.append("Content-Encoding: gzip\r\n");
    }
    if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n");
    } else {
      head.append("Content-Length: ").append(pieces.isEmpty() ? 0 : pieces.get(0).length).append("\r\n");
    }
    if (close) {
      head.append("Connection: close\r\n");
    }
    writeHead(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), spec.headDuration());
    boolean cut = spec.ending() == ResponseSpec.Ending.CUT;
    if (chunked) {
      writeChunks(pieces, spec.chunkDelay(), cut ? spec.cutAfterEvents() : Integer.MAX_VALUE);
    } else if (!pieces.isEmpty()) {
      byte[] body = pieces.get(0);
      // A cut must leave the body visibly short, so never write all of it.
      out.write(body, 0, cut ? Math.max(0, Math.min(spec.cutAfterEvents(), body.length - 1)) : body.length);
    }
    out.flush();
    if (cut) {
      socket.close();
      return false;
    }
    return !close;
  }

  private boolean writeFiller(ResponseSpec spec, boolean close) throws IOException {
    StringBuilder head = head(spec).append("Content-Length: ").append(spec.fillerBytes()).append("\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    FillerBody.write(out, spec.fillerBytes());
    out.flush();
    return !close;
  }

  /** The head at once, or in ten pieces spread over {@code total}. */
  private void writeHead(byte[] head, Duration total) throws IOException, InterruptedException {
    if (total.isZero()) {
      out.write(head);
      return;
    }
    int pieces = 10;
    for (int i = 0; i < pieces; i++) {
      if (i > 0) {
        sleep(total.dividedBy(pieces));
      }
      int from = head.length * i / pieces;
      out.write(head, from, head.length * (i + 1) / pieces - from);
      out.flush();
    }
  }

  private static StringBuilder head(ResponseSpec spec) {
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(spec.status()).append(' ')
        .append(Reasons.phrase(spec.status())).append("\r\n");
    for (Map.Entry<String, String> header : spec.headers()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    return head;
  }

  private void writeChunks(List<byte[]> pieces, Duration delay, int limit) throws IOException,
      InterruptedException {
    int written = 0;
    for (byte[] piece : pieces) {
      if (written == limit) {
        return;
      }
      if (written > 0) {
        sleep(delay);
      }
      out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(piece);
      out.write('\r');
      out.write('\n');
      out.flush();
      written++;
    }
    if (written < limit) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** The body as pieces: one per SSE event, one per chunk when trickled, else a single (maybe gzipped) body. */
  private static List<byte[]> pieces(ResponseSpec spec) throws IOException {
    List<byte[]> pieces = new ArrayList<>();
    if (spec.streaming()) {
      for (String event : spec.eventList()) {
        pieces.add(event.getBytes(StandardCharsets.UTF_8));
      }
      return pieces;
    }
    byte[] body = gzip(spec) ? gzipBytes(spec.body()) : spec.body();
    if (spec.chunkDelay().isZero()) {
      pieces.add(body);
      return pieces;
    }
    for (int from = 0; from < body.length; from += spec.chunkBytes()) {
      pieces.add(java.util.Arrays.copyOfRange(body, from, Math.min(body.length, from + spec.chunkBytes())));
    }
    return pieces;
  }

  // Streams are never compressed: providers send SSE uncompressed and a gzip stream cannot be cut per event.
  private static boolean gzip(ResponseSpec spec) {
    return spec.gzipped() && !spec.streaming();
  }

  private static byte[] gzipBytes(byte[] body) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
      gz.write(body);
    }
    return buffer.toByteArray();
  }

  private static void sleep(Duration delay) throws InterruptedException {
    if (!delay.isZero() && !delay.isNegative()) {
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    }
  }
}
