package dev.airbag.agent.instrument.okhttp.adapter;

import java.io.IOException;
import java.net.Socket;
import okhttp3.Connection;
import okhttp3.Protocol;
import okhttp3.ResponseBody;

/**
 * The connection one attempt went over, noted by Airbag's network interceptor (only a network interceptor sees it),
 * so that an error body still trickling in can be dropped at once when Airbag retries: OkHttp lets a call send again
 * only after the previous body is closed, and a body cannot be closed under a read that waits for the network.
 * A request tag; thread-safe.
 */
final class AttemptConnection {
  private volatile Connection connection;

  void noteFrom(Connection used) {
    this.connection = used;
  }

  /**
   * Ends a read of {@code body} blocked on the network, then closes the body: an HTTP/1 connection is closed under
   * it (it is dropped anyway, its body unread); an HTTP/2 stream is closed directly, which wakes its reader.
   * {@code readEnded} waits for the blocked read to return. False when the connection is unknown.
   */
  boolean abort(ResponseBody body, Runnable readEnded) {
    Connection used = connection;
    if (used == null) {
      return false;
    }
    if (used.protocol() == Protocol.HTTP_2) {
      body.close();
      readEnded.run();
      return true;
    }
    try {
      Socket socket = used.socket();
      socket.close();
    } catch (IOException | RuntimeException alreadyClosed) {
      // Closed already: the read has ended or is ending.
    }
    readEnded.run();
    body.close();
    return true;
  }
}
