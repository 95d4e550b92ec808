package dev.airbag.agent.instrument.reactornetty.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The first attempt's request as Reactor Netty writes it (head, chunks, last chunk), on Netty's embedded channel with
 * the attempt armed in Airbag's handler as Reactor Netty prepares the request.
 */
class HeldRequestTest {
  private static final String PART_ONE = "{\"model\":\"gpt-4o\",";
  private static final String PART_TWO = "\"messages\":[]}";

  private final HeldRequest held = new HeldRequest(1024);
  private final EmbeddedChannel channel = armed(held);

  private static EmbeddedChannel armed(HeldRequest hold) {
    EmbeddedChannel channel = new EmbeddedChannel();
    AttemptHandler.arm(channel, hold, new ResponseWatch(1024, TimeUnit.SECONDS.toNanos(1)));
    return channel;
  }

  @Test
  void aRequestIsHeldUntilTheEngineSendsItAndThenGoesOutAsWritten() throws Exception {
    writeChunked(channel);

    assertNull(channel.readOutbound(), "nothing leaves before the engine decides");
    CapturedRequest captured = held.captured().getNow(null);
    assertEquals("POST", captured.method);
    assertEquals("/v1/chat/completions?x=1", captured.pathAndQuery);
    assertEquals("Bearer k", captured.headers.get(HttpHeaderNames.AUTHORIZATION));
    assertEquals(PART_ONE + PART_TWO, new String(captured.body, StandardCharsets.UTF_8));

    held.send(null, null);
    channel.runPendingTasks();

    assertTrue(channel.readOutbound() instanceof HttpRequest);
    assertEquals(PART_ONE, text(channel.readOutbound()));
    assertEquals(PART_TWO, text(channel.readOutbound()));
  }

  @Test
  void aFallbackGoesOutAsOneFullRequestWithItsOwnLengthAndPath() throws Exception {
    writeChunked(channel);
    byte[] fallback = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);

    held.send(fallback, "/v2/other?x=1");
    channel.runPendingTasks();

    FullHttpRequest sent = channel.readOutbound();
    assertEquals("/v2/other?x=1", sent.uri());
    assertEquals(String.valueOf(fallback.length), sent.headers().get(HttpHeaderNames.CONTENT_LENGTH));
    assertFalse(sent.headers().contains(HttpHeaderNames.TRANSFER_ENCODING));
    assertEquals("Bearer k", sent.headers().get(HttpHeaderNames.AUTHORIZATION));
    assertArrayEquals(fallback, bytes(sent.content()));
    assertNull(channel.readOutbound(), "the app's chunks were dropped");
  }

  /** Reactor Netty writes the last chunk only once the body's writes are done: held writes must say so at once. */
  @Test
  void theWritersAreToldTheirWritesAreDoneWhileHeld() {
    ChannelFuture head = channel.write(request());

    assertTrue(head.isSuccess());
  }

  @Test
  void aBodyPastTheBoundGoesOutAtOnceUnread() {
    HeldRequest small = new HeldRequest(4);
    EmbeddedChannel tight = armed(small);

    tight.write(request());
    tight.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(PART_ONE, StandardCharsets.UTF_8)));

    assertTrue(tight.readOutbound() instanceof HttpRequest);
    assertEquals(PART_ONE, text(tight.readOutbound()));
    assertNull(small.captured().getNow(null).body, "captured without its body");
  }

  @Test
  void whatIsHeldIsReleasedWhenTheAttemptEndsUnsent() {
    ByteBuf chunk = Unpooled.copiedBuffer(PART_ONE, StandardCharsets.UTF_8);
    channel.write(request());
    channel.write(new DefaultHttpContent(chunk));

    channel.close();

    assertEquals(0, chunk.refCnt());
  }

  /** A made-up answer or a cancel ends the first attempt before it is sent, on a connection that may live on. */
  @Test
  void whatIsHeldIsReleasedWhenTheAttemptIsAbandonedOnAnOpenConnection() {
    ByteBuf chunk = Unpooled.copiedBuffer(PART_ONE, StandardCharsets.UTF_8);
    channel.write(request());
    channel.write(new DefaultHttpContent(chunk));

    held.abandon();

    assertEquals(0, chunk.refCnt());
    assertTrue(channel.isOpen());
  }

  /** The handler stays on a pooled connection: the app's next request there, which nobody armed, is not held. */
  @Test
  void aLaterRequestNobodyArmedPassesThroughTheConnectionsHandler() throws Exception {
    writeChunked(channel);
    held.send(null, null);
    channel.runPendingTasks();
    drain(channel);

    channel.write(request());
    channel.writeAndFlush(new DefaultLastHttpContent(Unpooled.copiedBuffer(PART_TWO, StandardCharsets.UTF_8)));

    assertTrue(channel.readOutbound() instanceof HttpRequest, "the unarmed request left at once");
    assertEquals(PART_TWO, text(channel.readOutbound()));
  }

  /** A connection's next call is armed in the handler its first call added: one handler, holding the new request. */
  @Test
  void aNextAttemptOnTheSameConnectionIsHeldByTheSameHandler() throws Exception {
    writeChunked(channel);
    held.send(null, null);
    channel.runPendingTasks();
    drain(channel);
    HeldRequest next = new HeldRequest(1024);

    AttemptHandler.arm(channel, next, new ResponseWatch(1024, TimeUnit.SECONDS.toNanos(1)));
    writeChunked(channel);

    assertNull(channel.readOutbound(), "the next call's request is held too");
    assertEquals(PART_ONE + PART_TWO, new String(next.captured().getNow(null).body, StandardCharsets.UTF_8));
    assertEquals(1, channel.pipeline().names().stream().filter(AttemptHandler.NAME::equals).count());
  }

  private static void drain(EmbeddedChannel channel) {
    Object message;
    while ((message = channel.readOutbound()) != null) {
      io.netty.util.ReferenceCountUtil.release(message);
    }
  }

  private static void writeChunked(EmbeddedChannel channel) {
    channel.write(request());
    channel.write(new DefaultHttpContent(Unpooled.copiedBuffer(PART_ONE, StandardCharsets.UTF_8)));
    channel.writeAndFlush(new DefaultLastHttpContent(Unpooled.copiedBuffer(PART_TWO, StandardCharsets.UTF_8)));
  }

  private static HttpRequest request() {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/chat/completions?x=1");
    request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer k");
    request.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
    return request;
  }

  private static String text(Object content) {
    return new String(bytes(((io.netty.handler.codec.http.HttpContent) content).content()), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuf buffer) {
    byte[] bytes = new byte[buffer.readableBytes()];
    buffer.getBytes(buffer.readerIndex(), bytes);
    return bytes;
  }
}
