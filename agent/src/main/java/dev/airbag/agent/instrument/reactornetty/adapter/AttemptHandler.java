package dev.airbag.agent.instrument.reactornetty.adapter;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;

/**
 * Airbag's place in a connection's pipeline, just after Reactor Netty's codecs: outbound to an attempt's {@link
 * HeldRequest} on a call's first attempt, inbound to its {@link ResponseWatch}. Added on the connection's first
 * attempt and kept while the connection lives, because Reactor Netty's per-request handlers cost a pipeline search, a
 * copy of the handler names, an add, a remove and a race of two subscriptions on every call of the happy path. Each
 * attempt is {@link #arm armed} as its request is prepared and takes over at that request's head; a request nobody
 * armed (the app's own, past Airbag) passes through untouched. Event loop only, but for {@link #arm}'s hand-over.
 */
final class AttemptHandler extends ChannelDuplexHandler {
  static final String NAME = "airbag.attempt";
  private static final String REACTOR_CODECS = "reactor.left.";

  private volatile Attempt armed;
  // Event loop only: the attempt whose request was written last.
  private Attempt current;

  /** Makes the next request written on {@code channel} this attempt's ({@code hold} null: its writes pass on). */
  static void arm(Channel channel, HeldRequest hold, ResponseWatch watch) {
    ChannelPipeline pipeline = channel.pipeline();
    ChannelHandler present = pipeline.get(NAME);
    AttemptHandler handler;
    if (present instanceof AttemptHandler) {
      handler = (AttemptHandler) present;
    } else {
      if (present != null) {
        pipeline.remove(NAME);
      }
      handler = new AttemptHandler();
      // Where Reactor Netty puts a handler added first: after the last of its codecs.
      String after = null;
      for (String name : pipeline.names()) {
        if (name.startsWith(REACTOR_CODECS)) {
          after = name;
        }
      }
      if (after == null) {
        pipeline.addFirst(NAME, handler);
      } else {
        pipeline.addAfter(after, NAME, handler);
      }
    }
    Attempt previous = handler.armed;
    handler.armed = new Attempt(hold, watch);
    if (previous != null && previous.hold != null) {
      // Armed and never written: nothing of it may stay held.
      previous.hold.abandon();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    // The connection closed: an attempt whose request never left releases what it held.
    for (Attempt attempt : new Attempt[] {current, armed}) {
      if (attempt != null && attempt.hold != null) {
        attempt.hold.abandon();
      }
    }
    current = null;
    armed = null;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (msg instanceof HttpRequest) {
      // A request's head: the attempt armed for it, if any, takes over the connection.
      current = armed;
      armed = null;
    }
    Attempt attempt = current;
    if (attempt != null && attempt.hold != null) {
      attempt.hold.write(ctx, msg, promise);
    } else {
      ctx.write(msg, promise);
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    Attempt attempt = current;
    if (attempt != null && attempt.hold != null) {
      attempt.hold.flush(ctx);
    } else {
      ctx.flush();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
    Attempt attempt = current;
    if (attempt != null) {
      attempt.watch.channelRead(ctx, msg);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Attempt attempt = current;
    if (attempt != null) {
      attempt.watch.channelInactive(ctx);
    } else {
      ctx.fireChannelInactive();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Attempt attempt = current;
    if (attempt != null) {
      attempt.watch.exceptionCaught(ctx, cause);
    } else {
      ctx.fireExceptionCaught(cause);
    }
  }

  private static final class Attempt {
    final HeldRequest hold;
    final ResponseWatch watch;

    Attempt(HeldRequest hold, ResponseWatch watch) {
      this.hold = hold;
      this.watch = watch;
    }
  }
}
