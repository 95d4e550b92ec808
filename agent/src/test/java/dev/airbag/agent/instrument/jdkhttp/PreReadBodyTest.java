package dev.airbag.agent.instrument.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class PreReadBodyTest {
  private static final long WAIT = 1000;

  @Test
  void aOneShotBodyWithinTheBoundIsReadOnceAndSentByEveryAttempt() {
    OneShotPublisher app = OneShotPublisher.of(chunks("{\"model\":", "\"gpt-4o\",", "\"messages\":[]}"));

    PreReadBody body = PreReadBody.read(app, -1, 100, WAIT);
    HttpRequest.BodyPublisher sent = body.publisher();

    assertTrue(body.complete());
    assertEquals("{\"model\":\"gpt-4o\",\"messages\":[]}", new String(body.bytes(), StandardCharsets.UTF_8));
    assertArrayEquals(body.bytes(), Collector.all(sent).bytes());
    assertArrayEquals(body.bytes(), Collector.all(sent).bytes());
    assertEquals(1, app.subscriptions, "the app's publisher is subscribed once, by Airbag");
  }

  @Test
  void theBodysFramingIsKept() {
    assertEquals(-1, PreReadBody.read(OneShotPublisher.of(chunks("{}")), -1, 100, WAIT).publisher().contentLength());
    assertEquals(2, PreReadBody.read(OneShotPublisher.of(chunks("{}")), 2, 100, WAIT).publisher().contentLength());
  }

  @Test
  void aBodyPastTheBoundIsSentOnceWhatWasReadThenTheRestLive() {
    OneShotPublisher app = OneShotPublisher.of(pattern(10, 10));

    PreReadBody body = PreReadBody.read(app, 100, 25, WAIT);
    long askedWhileReading = app.requested;
    HttpRequest.BodyPublisher sent = body.publisher();
    Collector first = Collector.oneAtATime(sent);
    Collector second = Collector.all(sent);

    assertFalse(body.complete());
    assertTrue(body.why().contains("larger than 25 bytes"), body.why());
    assertEquals(3, askedWhileReading, "one item at a time, and none past the one that crossed the bound");
    assertEquals(100, sent.contentLength());
    assertArrayEquals(flatten(pattern(10, 10)), first.bytes());
    assertTrue(first.completed);
    assertInstanceOf(IllegalStateException.class, second.error, "the rest was given once");
    assertEquals(1, app.subscriptions);
  }

  @Test
  void aSendCancelledMidBodyCancelsThePublisher() {
    OneShotPublisher app = OneShotPublisher.of(pattern(10, 10));
    PreReadBody body = PreReadBody.read(app, -1, 25, WAIT);
    Collector client = Collector.requesting(body.publisher(), 2);

    client.subscription.cancel();

    assertEquals(20, client.bytes().length);
    assertTrue(app.cancelled);
    assertFalse(client.completed);
  }

  @Test
  void aPublisherThatFailsMidBodyIsSentOnceAndItsFailureReachesTheClient() {
    IllegalStateException broken = new IllegalStateException("the body's source broke");
    OneShotPublisher app = OneShotPublisher.failing(chunks("{\"model\":", "\"gpt"), broken);

    PreReadBody body = PreReadBody.read(app, -1, 100, WAIT);
    Collector client = Collector.all(body.publisher());

    assertFalse(body.complete());
    assertTrue(body.why().contains("failed"), body.why());
    assertEquals("{\"model\":\"gpt", new String(client.bytes(), StandardCharsets.UTF_8));
    assertSame(broken, client.error);
  }

  @Test
  void aBodyNotOverWithinTheWaitIsSentOnceAsItComes() {
    OneShotPublisher app = OneShotPublisher.of(chunks("{\"model\":", "\"gpt-4o\"}")).held();

    PreReadBody body = PreReadBody.read(app, -1, 100, 0);
    HttpRequest.BodyPublisher sent = body.publisher();
    Collector client = Collector.all(sent);
    app.release();

    assertFalse(body.complete());
    assertNull(body.bytes());
    assertTrue(body.why().contains("did not end"), body.why());
    assertEquals("{\"model\":\"gpt-4o\"}", new String(client.bytes(), StandardCharsets.UTF_8));
    assertTrue(client.completed);
  }

  @Test
  void aBodyShorterThanItsDeclaredLengthIsSentOnceAsReadForTheClientToRefuse() {
    PreReadBody body = PreReadBody.read(OneShotPublisher.of(chunks("{}")), 99, 100, WAIT);

    HttpRequest.BodyPublisher sent = body.publisher();

    assertFalse(body.complete());
    assertTrue(body.why().contains("99 bytes"), body.why());
    assertEquals(99, sent.contentLength());
    assertEquals("{}", new String(Collector.all(sent).bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void aNonPositiveRequestIsAnsweredWithAnError() {
    OneShotPublisher app = OneShotPublisher.of(pattern(10, 10));
    PreReadBody body = PreReadBody.read(app, -1, 25, WAIT);
    Collector client = Collector.requesting(body.publisher(), 0);

    client.subscription.request(0);

    assertInstanceOf(IllegalArgumentException.class, client.error);
    assertTrue(app.cancelled);
  }

  private static List<byte[]> chunks(String... parts) {
    List<byte[]> chunks = new ArrayList<>();
    for (String part : parts) {
      chunks.add(part.getBytes(StandardCharsets.UTF_8));
    }
    return chunks;
  }

  private static List<byte[]> pattern(int count, int size) {
    List<byte[]> chunks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] chunk = new byte[size];
      for (int j = 0; j < size; j++) {
        chunk[j] = ChunkedSource.patternAt((long) i * size + j);
      }
      chunks.add(chunk);
    }
    return chunks;
  }

  private static byte[] flatten(List<byte[]> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.forEach(chunk -> out.write(chunk, 0, chunk.length));
    return out.toByteArray();
  }

  /** The client's side of a body: what it was sent, and how it ended. Driven from the test's thread. */
  private static final class Collector implements Flow.Subscriber<ByteBuffer> {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long initial;
    private final boolean oneAtATime;
    Flow.Subscription subscription;
    Throwable error;
    boolean completed;

    private Collector(long initial, boolean oneAtATime) {
      this.initial = initial;
      this.oneAtATime = oneAtATime;
    }

    static Collector all(Flow.Publisher<ByteBuffer> publisher) {
      return subscribe(publisher, new Collector(Long.MAX_VALUE, false));
    }

    static Collector oneAtATime(Flow.Publisher<ByteBuffer> publisher) {
      return subscribe(publisher, new Collector(1, true));
    }

    static Collector requesting(Flow.Publisher<ByteBuffer> publisher, long items) {
      return subscribe(publisher, new Collector(items, false));
    }

    private static Collector subscribe(Flow.Publisher<ByteBuffer> publisher, Collector collector) {
      publisher.subscribe(collector);
      return collector;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (initial > 0) {
        subscription.request(initial);
      }
    }

    @Override
    public void onNext(ByteBuffer item) {
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      out.write(chunk, 0, chunk.length);
      if (oneAtATime) {
        subscription.request(1);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }
}
