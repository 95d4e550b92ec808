package dev.airbag.faultserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A raw-socket HTTP/1.1 client for tests that must see framing: keep-alive, chunks, cuts. */
final class RawHttp implements Closeable {
  /** One response; {@code chunks} lists the body's chunks when it was chunked. */
  record Response(int status, Map<String, String> headers, byte[] body, List<byte[]> chunks) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The response ended before its framing said it would; {@code partial} holds what did arrive. */
  static final class Truncated extends EOFException {
    final byte[] partial;

    Truncated(byte[] partial) {
      super("response ended early after " + partial.length + " bytes");
      this.partial = partial;
    }
  }

  private final Socket socket;
  private final InputStream in;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new BufferedInputStream(socket.getInputStream());
  }

  static String post(String path, String json, String... extraHeaders) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + String.join("", extraHeaders) + "Content-Length: " + body.length + "\r\n\r\n" + json;
  }

  void send(String request) throws IOException {
    socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** Reads one response; a 1xx interim response is returned as is. */
  Response read() throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new EOFException("connection closed before any response byte");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(); h != null && !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<byte[]> chunks = new ArrayList<>();
    if ("chunked".equals(headers.get("transfer-encoding"))) {
      for (int size = chunkSize(body); size > 0; size = chunkSize(body)) {
        byte[] chunk = exactly(size, body);
        chunks.add(chunk);
        line();
      }
      line();
    } else if (headers.containsKey("content-length")) {
      exactly(Integer.parseInt(headers.get("content-length")), body);
    }
    return new Response(status, headers, body.toByteArray(), chunks);
  }

  /** Whether the server has closed its side (the next read sees EOF). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  private int chunkSize(ByteArrayOutputStream sofar) throws IOException {
    String line = line();
    if (line == null) {
      throw new Truncated(sofar.toByteArray());
    }
    return Integer.parseInt(line.trim(), 16);
  }

  private byte[] exactly(int n, ByteArrayOutputStream body) throws IOException {
    byte[] bytes = in.readNBytes(n);
    body.write(bytes);
    if (bytes.length < n) {
      throw new Truncated(body.toByteArray());
    }
    return bytes;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
