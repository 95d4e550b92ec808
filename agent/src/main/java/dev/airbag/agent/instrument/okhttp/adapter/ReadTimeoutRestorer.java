package dev.airbag.agent.instrument.okhttp.adapter;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Airbag's network interceptor: once the headers of an attempt sent with a first-byte timeout have come, gives the
 * rest of the body the client's own read timeout back, so that the pauses of a streamed answer are not cut at the
 * first-byte bound. Only a network interceptor sees the connection, whose socket carries the HTTP/1 read timeout.
 * Requests without a {@link Tag} pass untouched. It also notes each attempt's connection in its
 * {@link AttemptConnection}, the one other thing only a network interceptor can do. Stateless and thread-safe.
 */
final class ReadTimeoutRestorer implements Interceptor {
  /** Set on an attempt's request by {@link OkHttpExchange}: the client's read timeout to restore. */
  static final class Tag {
    final int readTimeoutMillis;

    Tag(int readTimeoutMillis) {
      this.readTimeoutMillis = readTimeoutMillis;
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    AttemptConnection.noteFrom(chain);
    Response response = chain.proceed(chain.request());
    Tag tag = chain.request().tag(Tag.class);
    if (tag != null) {
      restore(chain.connection(), response.body(), tag.readTimeoutMillis);
    }
    return response;
  }

  private static void restore(Connection connection, ResponseBody body, int millis) {
    try {
      // HTTP/2 keeps its socket without a read timeout (its streams time out on their own), so leave it so.
      if (connection != null && connection.protocol() != Protocol.HTTP_2) {
        Socket socket = connection.socket();
        socket.setSoTimeout(millis);
      }
      if (body != null) {
        body.source().timeout().timeout(millis, TimeUnit.MILLISECONDS);
      }
    } catch (IOException | RuntimeException unusual) {
      // A socket already closed or a body of an interceptor's own making: the shorter bound stays.
    }
  }
}
