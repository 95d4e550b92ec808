package dev.airbag.faultserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Serves one accepted connection: reads requests one after another (keep-alive) and writes what the server's
 * exchange handler decides, until either side closes. Runs on its own thread; not shared.
 */
final class Connection implements Runnable {
  /** Decides and describes the response to one request. */
  interface Exchange {
    ResponseSpec respond(HttpRequest request);
  }

  private final Socket socket;
  private final Exchange exchange;

  Connection(Socket socket, Exchange exchange) {
    this.socket = socket;
    this.exchange = exchange;
  }

  @Override
  public void run() {
    try (Socket s = socket) {
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192);
      HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(s.getInputStream()), out);
      ResponseWriter writer = new ResponseWriter(s, out);
      boolean open = true;
      while (open) {
        HttpRequest request;
        try {
          request = reader.read();
        } catch (ProtocolException e) {
          badRequest(out, e.getMessage());
          return;
        }
        if (request == null) {
          return;
        }
        open = writer.write(exchange.respond(request), request.wantsClose());
      }
    } catch (IOException e) {
      // The client went away or the server is closing: nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void badRequest(OutputStream out, String reason) throws IOException {
    byte[] body = ("{\"error\":{\"message\":" + JsonStrings.quote("malformed request: " + reason)
        + ",\"type\":\"invalid_request_error\"}}").getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }
}
