package dev.airbag.faultserver;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's threads: one acceptor and one daemon thread per open connection, all named {@code prefix-*},
 * tracked so that closing the server ends every one of them. Thread-safe.
 */
final class ConnectionThreads {
  private final String prefix;
  private final AtomicInteger counter = new AtomicInteger();
  private final Map<Thread, Socket> open = new ConcurrentHashMap<>();
  private final AtomicInteger peakOpen = new AtomicInteger();
  private volatile Thread acceptor;
  private volatile boolean closed;

  ConnectionThreads(String prefix) {
    this.prefix = prefix;
  }

  void startAcceptor(Runnable loop) {
    Thread thread = new Thread(loop, prefix + "-accept");
    thread.setDaemon(true);
    acceptor = thread;
    thread.start();
  }

  /** Serve {@code socket} on a new thread, or close it at once if the server is closing. */
  void serve(Socket socket, Runnable connection) throws IOException {
    Thread thread = new Thread(() -> {
      try {
        connection.run();
      } finally {
        open.remove(Thread.currentThread());
      }
    }, prefix + "-conn-" + counter.incrementAndGet());
    thread.setDaemon(true);
    open.put(thread, socket);
    peakOpen.accumulateAndGet(open.size(), Math::max);
    // close() may have run between accept() and put(): this socket would then never be closed.
    if (closed) {
      open.remove(thread);
      socket.close();
      return;
    }
    thread.start();
  }

  /** Connections accepted so far. */
  int accepted() {
    return counter.get();
  }

  /** The most connections open at once since start or {@link #resetPeak()}. */
  int peakOpen() {
    return peakOpen.get();
  }

  /** Starts the peak again from the connections open now. */
  void resetPeak() {
    peakOpen.set(open.size());
  }

  void closeAll(Duration wait) {
    closed = true;
    open.forEach((thread, socket) -> {
      try {
        socket.close();
      } catch (IOException e) {
        // Already closed by its connection.
      }
      thread.interrupt();
    });
    long deadline = System.nanoTime() + wait.toNanos();
    Thread accepting = acceptor;
    joinUntil(accepting, deadline);
    for (Thread thread : open.keySet()) {
      joinUntil(thread, deadline);
    }
  }

  private static void joinUntil(Thread thread, long deadlineNanos) {
    long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (thread == null || remainingMillis <= 0) {
      return;
    }
    try {
      thread.join(remainingMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
