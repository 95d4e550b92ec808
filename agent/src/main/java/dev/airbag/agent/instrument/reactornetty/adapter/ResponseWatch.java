package dev.airbag.agent.instrument.reactornetty.adapter;

import dev.airbag.agent.engine.call.StreamMonitor;
import dev.airbag.agent.engine.stream.SseErrorScanner;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Watches one attempt's response between Netty's HTTP codec and Reactor Netty: copies an error body as it passes on
 * (Reactor Netty keeps every byte for the app, so nothing is consumed) up to the classification bound, its end or a
 * short wait; and tells a streamed answer's monitor when the stream breaks or carries an error event (what happens
 * before the monitor is attached is kept and told then). Pipeline methods run on the event loop; the monitor may be
 * attached from any thread.
 */
final class ResponseWatch extends ChannelInboundHandlerAdapter {
  private final int maxErrorBytes;
  private final long waitNanos;
  private final CompletableFuture<byte[]> errorBody = new CompletableFuture<>();
  private volatile boolean cutByTime;
  private volatile boolean responded;
  // Event loop only.
  private ByteArrayOutputStream error;
  private boolean ended;
  private SseErrorScanner events;
  // Guarded by this: the engine's thread attaches the monitor, the event loop tells it.
  private long delivered;
  private StreamMonitor monitor;
  private IOException pendingBreak;
  private byte[] pendingError;
  private long pendingErrorAt;

  ResponseWatch(int maxErrorBytes, long waitNanos) {
    this.maxErrorBytes = maxErrorBytes;
    this.waitNanos = waitNanos;
  }

  /** The start of an error response's body, once read as far as it will be; only for statuses of 400 and up. */
  CompletableFuture<byte[]> errorBody() {
    return errorBody;
  }

  /** True when the wait ran out before the error body's end or the bound. */
  boolean cutByTime() {
    return cutByTime;
  }

  /** True once the response's headers passed this watch (it is in the attempt's pipeline). */
  boolean sawResponse() {
    return responded;
  }

  synchronized void attach(StreamMonitor attached) {
    monitor = attached;
    if (pendingError != null) {
      attached.onErrorEvent(pendingError, pendingErrorAt);
    }
    if (pendingBreak != null) {
      attached.onBroken(pendingBreak, delivered);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
    if (msg instanceof HttpResponse) {
      responded = true;
      HttpResponse response = (HttpResponse) msg;
      if (response.status().code() >= 400 && error == null) {
        error = new ByteArrayOutputStream();
        ctx.executor().schedule(() -> finishError(true), waitNanos, TimeUnit.NANOSECONDS);
      }
      String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
      if (response.status().code() < 400 && type != null && type.contains("text/event-stream")) {
        events = new SseErrorScanner(this::errorEvent);
      }
    }
    if (msg instanceof HttpContent) {
      ByteBuf content = ((HttpContent) msg).content();
      delivered(content.readableBytes());
      if (events != null) {
        content.forEachByte(b -> {
          events.accept(b);
          return true;
        });
      }
      if (error != null && !errorBody.isDone()) {
        int take = Math.min(content.readableBytes(), maxErrorBytes - error.size());
        content.getBytes(content.readerIndex(), error, take);
        if (error.size() >= maxErrorBytes || msg instanceof LastHttpContent) {
          finishError(false);
        }
      }
      ended |= msg instanceof LastHttpContent;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    finishError(false);
    if (responded && !ended) {
      broken(new IOException("connection closed before the end of the response body"));
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    finishError(false);
    if (responded && !ended) {
      broken(cause instanceof IOException ? (IOException) cause : new IOException(cause));
    }
    ctx.fireExceptionCaught(cause);
  }

  private void finishError(boolean byTime) {
    if (error != null && !errorBody.isDone()) {
      cutByTime = byTime;
      errorBody.complete(error.toByteArray());
    }
  }

  private synchronized void delivered(int bytes) {
    delivered += bytes;
  }

  private synchronized void errorEvent(byte[] data) {
    if (monitor != null) {
      monitor.onErrorEvent(data, delivered);
    } else if (pendingError == null) {
      pendingError = data;
      pendingErrorAt = delivered;
    }
  }

  private synchronized void broken(IOException failure) {
    if (monitor != null) {
      monitor.onBroken(failure, delivered);
    } else if (pendingBreak == null) {
      pendingBreak = failure;
    }
  }
}
