package dev.airbag.faultserver;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests off one connection: request line, headers, and a body framed by Content-Length or
 * chunked transfer coding; answers {@code Expect: 100-continue}. One per connection; not thread-safe.
 */
final class HttpRequestReader {
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 256;

  private final InputStream in;
  private final OutputStream out;

  HttpRequestReader(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** The next request, or {@code null} when the client closed the connection between requests. */
  HttpRequest read() throws IOException {
    String requestLine = readLine(true);
    if (requestLine == null) {
      return null;
    }
    // RFC 9112 §2.2: a server should ignore empty lines received before the request line.
    while (requestLine.isEmpty()) {
      requestLine = readLine(true);
      if (requestLine == null) {
        return null;
      }
    }
    long arrival = System.nanoTime();
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new ProtocolException("malformed request line: " + requestLine);
    }
    Headers headers = readHeaders();
    if (headers.hasToken("Expect", "100-continue")) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    return new HttpRequest(parts[0], parts[1], parts[2], headers, readBody(headers), arrival);
  }

  private Headers readHeaders() throws IOException {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
      int colon = line.indexOf(':');
      if (colon <= 0 || entries.size() >= MAX_HEADERS) {
        throw new ProtocolException("bad header line: " + line);
      }
      entries.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon).trim(),
          line.substring(colon + 1).trim()));
    }
    return new Headers(entries);
  }

  private byte[] readBody(Headers headers) throws IOException {
    // RFC 9112 §6.3: chunked wins over Content-Length when both are present.
    if (headers.hasToken("Transfer-Encoding", "chunked")) {
      return readChunked();
    }
    String length = headers.get("Content-Length");
    if (length == null) {
      return new byte[0];
    }
    long n;
    try {
      n = Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      throw new ProtocolException("bad Content-Length: " + length);
    }
    if (n < 0 || n > Integer.MAX_VALUE - 8) {
      throw new ProtocolException("bad Content-Length: " + length);
    }
    byte[] body = in.readNBytes((int) n);
    if (body.length != n) {
      throw new EOFException("request body ended early");
    }
    return body;
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(false);
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad chunk size: " + sizeLine);
      }
      if (size == 0) {
        // Trailer fields, if any, end with an empty line; their values are not needed.
        while (!readLine(false).isEmpty()) {
          continue;
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("chunk ended early");
      }
      body.write(chunk);
      if (!readLine(false).isEmpty()) {
        throw new ProtocolException("chunk not followed by CRLF");
      }
    }
  }

  /** A line without its CRLF (or bare LF); {@code null} at EOF before any byte only if {@code eofOk}. */
  private String readLine(boolean eofOk) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (eofOk && line.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed mid-request");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new ProtocolException("line too long");
      }
      line.write(b);
    }
  }
}
