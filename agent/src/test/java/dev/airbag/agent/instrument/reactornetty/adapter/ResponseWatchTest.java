package dev.airbag.agent.instrument.reactornetty.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.call.StreamMonitor;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A response as Netty's codec hands it on (head, chunks, last chunk), on the embedded channel's clock. */
class ResponseWatchTest {
  private static final String ERROR = "{\"error\":{\"type\":\"server_error\",\"message\":\"overloaded\"}}";

  @Test
  void anErrorBodyIsCopiedWhileEveryMessagePassesOnToTheApp() {
    ResponseWatch watch = new ResponseWatch(1024, TimeUnit.SECONDS.toNanos(1));
    EmbeddedChannel channel = new EmbeddedChannel(watch);

    channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE),
        chunk(ERROR.substring(0, 10)), last(ERROR.substring(10)));

    assertEquals(ERROR, new String(watch.errorBody().getNow(null), StandardCharsets.UTF_8));
    assertFalse(watch.cutByTime());
    assertEquals(3, channel.inboundMessages().size(), "Reactor Netty still gets the whole body for the app");
  }

  @Test
  void anErrorBodyIsReadNoFurtherThanTheBound() {
    ResponseWatch watch = new ResponseWatch(5, TimeUnit.SECONDS.toNanos(1));
    EmbeddedChannel channel = new EmbeddedChannel(watch);

    channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE),
        chunk(ERROR));

    assertEquals(ERROR.substring(0, 5), new String(watch.errorBody().getNow(null), StandardCharsets.UTF_8));
  }

  @Test
  void anErrorBodyThatTricklesIsClassifiedOnWhatCameWithinTheWait() {
    ResponseWatch watch = new ResponseWatch(1024, TimeUnit.SECONDS.toNanos(1));
    EmbeddedChannel channel = new EmbeddedChannel(watch);
    channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE),
        chunk(ERROR.substring(0, 10)));

    channel.advanceTimeBy(2, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();

    assertEquals(ERROR.substring(0, 10), new String(watch.errorBody().getNow(null), StandardCharsets.UTF_8));
    assertTrue(watch.cutByTime());
  }

  @Test
  void aSuccessfulBodyIsNotCopied() {
    ResponseWatch watch = new ResponseWatch(1024, TimeUnit.SECONDS.toNanos(1));
    EmbeddedChannel channel = new EmbeddedChannel(watch);

    channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), last("ok"));

    assertFalse(watch.errorBody().isDone());
    assertTrue(watch.sawResponse());
  }

  @Test
  void aStreamCutBeforeItsEndIsToldToTheMonitorWithTheBytesDelivered() {
    ResponseWatch watch = new ResponseWatch(1024, TimeUnit.SECONDS.toNanos(1));
    EmbeddedChannel channel = new EmbeddedChannel(watch);
    List<Long> broken = new ArrayList<>();
    watch.attach(new StreamMonitor() {
      @Override
      public void onErrorEvent(byte[] eventData, long bytesDelivered) {}

      @Override
      public void onBroken(IOException failure, long bytesDelivered) {
        broken.add(bytesDelivered);
      }
    });
    channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), chunk("data: 1\n\n"));

    channel.close();

    assertEquals(List.of(9L), broken);
  }

  @Test
  void anErrorEventInsideAStreamIsToldToTheMonitorEvenWhenItCameBeforeTheMonitor() {
    ResponseWatch watch = new ResponseWatch(1024, TimeUnit.SECONDS.toNanos(1));
    EmbeddedChannel channel = new EmbeddedChannel(watch);
    DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set("Content-Type", "text/event-stream; charset=utf-8");
    String error = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}";
    channel.writeInbound(head, chunk("event: message\ndata: {}\n\n"), chunk("event: error\ndata: " + error + "\n\n"));
    List<String> told = new ArrayList<>();

    watch.attach(new StreamMonitor() {
      @Override
      public void onErrorEvent(byte[] eventData, long bytesDelivered) {
        told.add(new String(eventData, StandardCharsets.UTF_8));
      }

      @Override
      public void onBroken(IOException failure, long bytesDelivered) {}
    });

    assertEquals(List.of(error), told);
  }

  private static DefaultHttpContent chunk(String text) {
    return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  private static DefaultLastHttpContent last(String text) {
    return new DefaultLastHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }
}
