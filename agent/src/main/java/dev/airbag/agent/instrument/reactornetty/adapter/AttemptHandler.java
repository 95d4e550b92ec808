package dev.airbag.agent.instrument.reactornetty.adapter;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.io.IOException;

/**
 * One attempt's place in its connection's pipeline: outbound to the call's {@link HeldRequest} on its first attempt,
 * inbound to the attempt's {@link ResponseWatch}. One handler rather than two, because Reactor Netty adds and removes
 * each handler of a request with a pipeline search, a copy of the handler names and a subscription: per call on the
 * happy path. Event loop only.
 */
final class AttemptHandler extends ChannelDuplexHandler {
  private final HeldRequest hold;
  private final ResponseWatch watch;

  /** {@code hold}: the call's held request on its first attempt, else null (writes pass on). */
  AttemptHandler(HeldRequest hold, ResponseWatch watch) {
    this.hold = hold;
    this.watch = watch;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (hold != null) {
      hold.handlerAdded(ctx);
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (hold != null) {
      hold.handlerRemoved(ctx);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    if (hold != null) {
      hold.write(ctx, msg, promise);
    } else {
      ctx.write(msg, promise);
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (hold != null) {
      hold.flush(ctx);
    } else {
      ctx.flush();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
    watch.channelRead(ctx, msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    watch.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    watch.exceptionCaught(ctx, cause);
  }
}
