package dev.airbag.agent.instrument.reactornetty.adapter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Holds the request that the app's sender writes on a call's first attempt, between Netty's HTTP codec and Reactor
 * Netty ({@link AttemptHandler} passes its writes here), until the engine says how to send it: so the body (and its
 * model) is known before any byte leaves, and the first attempt already goes to a fallback model when the primary's
 * circuit is open. A body past the bound goes out at once, unread. {@link #captured} completes on the event loop;
 * {@link #send} and {@link #abandon} may be called from any thread and run on it.
 */
final class HeldRequest {
  private final int maxBytes;
  private final CompletableFuture<CapturedRequest> captured = new CompletableFuture<>();
  // Touched on the event loop only.
  private final List<Object> messages = new ArrayList<>();
  // Made with the request's head, sized from its Content-Length: one array, no growing copies. Content before a head
  // passes on unread, so it is never read before then.
  private ByteArrayOutputStream body;
  private HttpRequest request;
  private boolean passing;
  private volatile ChannelHandlerContext context;

  HeldRequest(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The request as written, once its last content is held (or its body passed the bound). */
  CompletableFuture<CapturedRequest> captured() {
    return captured;
  }

  void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws IOException {
    context = ctx;
    if (passing) {
      ctx.write(msg, promise);
      return;
    }
    messages.add(msg);
    // Told written at once: Reactor Netty writes the last content only once the body's writes are done.
    promise.trySuccess();
    if (msg instanceof HttpRequest) {
      request = (HttpRequest) msg;
      long length = HttpUtil.getContentLength(request, -1L);
      body = new ByteArrayOutputStream(length >= 0 && length <= maxBytes ? (int) length : 256);
    }
    ByteBuf content = msg instanceof HttpContent ? ((HttpContent) msg).content()
        : msg instanceof ByteBuf ? (ByteBuf) msg : null;
    if (content != null) {
      if (request == null || body.size() + content.readableBytes() > maxBytes) {
        passOn(ctx, null, null);
        captured.complete(request == null ? null : new CapturedRequest(request.method().name(), request.uri(),
            request.headers(), null));
        return;
      }
      content.getBytes(content.readerIndex(), body, content.readableBytes());
    }
    if (msg instanceof LastHttpContent) {
      captured.complete(new CapturedRequest(request.method().name(), request.uri(), request.headers(),
          body.toByteArray()));
    }
  }

  void flush(ChannelHandlerContext ctx) {
    // A flush of held messages waits for them.
    if (passing) {
      ctx.flush();
    }
  }

  /** Sends what is held: as written when both are null, else with this body and this path and query. */
  void send(byte[] newBody, String newPathAndQuery) {
    ChannelHandlerContext ctx = context;
    if (ctx == null) {
      // Nothing was written: the attempt failed before its request.
      return;
    }
    if (ctx.executor().inEventLoop()) {
      // The engine decided as the last content was written (the usual case): no hop through the loop's queue.
      passOn(ctx, newBody, newPathAndQuery);
    } else {
      ctx.executor().execute(() -> passOn(ctx, newBody, newPathAndQuery));
    }
  }

  /** The attempt ended (cancelled, answered without it, its connection closed): nothing held may leak. */
  void abandon() {
    ChannelHandlerContext ctx = context;
    if (ctx == null) {
      return;
    }
    if (ctx.executor().inEventLoop()) {
      release();
    } else {
      ctx.executor().execute(this::release);
    }
  }

  private void release() {
    if (!passing) {
      passing = true;
      messages.forEach(ReferenceCountUtil::release);
      messages.clear();
    }
  }

  private void passOn(ChannelHandlerContext ctx, byte[] newBody, String newPathAndQuery) {
    if (passing) {
      return;
    }
    passing = true;
    if (newPathAndQuery != null) {
      request.setUri(newPathAndQuery);
    }
    if (newBody == null) {
      for (Object message : messages) {
        ctx.write(message, ctx.voidPromise());
      }
    } else {
      // One full request with the new body: its length is known, so no chunks.
      HttpHeaders headers = request.headers().copy();
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
      headers.set(HttpHeaderNames.CONTENT_LENGTH, newBody.length);
      DefaultFullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
          request.uri(), Unpooled.wrappedBuffer(newBody), headers, EmptyHttpHeaders.INSTANCE);
      messages.forEach(ReferenceCountUtil::release);
      ctx.write(full, ctx.voidPromise());
    }
    messages.clear();
    ctx.flush();
  }
}
