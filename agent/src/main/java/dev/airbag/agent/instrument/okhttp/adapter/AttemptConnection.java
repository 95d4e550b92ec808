package dev.airbag.agent.instrument.okhttp.adapter;

import java.io.IOException;
import java.net.Socket;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.ResponseBody;

/**
 * The connection one attempt went over, noted by Airbag's network interceptor (only a network interceptor sees it),
 * so that an error body still trickling in can be dropped at once when Airbag retries: OkHttp lets a call send again
 * only after the previous body is closed, and a body cannot be closed under a read that waits for the network.
 * Handed to the network interceptor through {@link #SENDING}, not as a request tag: a tag costs a rebuilt tag map
 * on every attempt, and OkHttp runs a call's interceptors, application and network, on the one thread that sends it.
 * Thread-safe.
 */
final class AttemptConnection {
  /** The attempt this thread is sending, if any; the network interceptor checks that it is of the same call. */
  private static final ThreadLocal<AttemptConnection> SENDING = new ThreadLocal<>();

  private final Call call;
  private volatile Connection connection;

  /** @param call the call the attempt belongs to, so that a nested call made by an interceptor notes nothing here */
  private AttemptConnection(Call call) {
    this.call = call;
  }

  /** A fresh attempt of the call {@code chain} runs. */
  static AttemptConnection of(Interceptor.Chain chain) {
    return new AttemptConnection(call(chain));
  }

  /** Marks this attempt as the one this thread sends until {@link #sent(AttemptConnection)}; returns the previous. */
  AttemptConnection sending() {
    AttemptConnection previous = SENDING.get();
    SENDING.set(this);
    return previous;
  }

  /** Ends {@link #sending()}, giving back the attempt an outer call was sending on this thread (usually none). */
  static void sent(AttemptConnection previous) {
    SENDING.set(previous);
  }

  /** Notes the connection of {@code chain}'s call when this thread sends an attempt of that call. */
  static void noteFrom(Interceptor.Chain chain) {
    AttemptConnection attempt = SENDING.get();
    if (attempt != null && attempt.call != null && attempt.call == call(chain)) {
      attempt.noteFrom(chain.connection());
    }
  }

  private static Call call(Interceptor.Chain chain) {
    try {
      return chain.call();
    } catch (LinkageError olderThan39) {
      // Chain.call() came with OkHttp 3.9: before it a slow error body closes once its pending read returns.
      return null;
    }
  }

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
