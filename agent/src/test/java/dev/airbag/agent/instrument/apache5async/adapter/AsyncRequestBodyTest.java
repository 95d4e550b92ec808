package dev.airbag.agent.instrument.apache5async.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.junit.jupiter.api.Test;

class AsyncRequestBodyTest {
  private static final String JSON = "{\"model\":\"gpt-4o\",\"messages\":[]}";
  private static final byte[] BYTES = JSON.getBytes(StandardCharsets.UTF_8);

  @Test
  void aJsonBodyIsHeldAndEverySendGetsItsBytes() throws Exception {
    AsyncRequestBody body = captured(new BasicAsyncEntityProducer(JSON, ContentType.APPLICATION_JSON), 1024);

    assertArrayEquals(BYTES, body.bytes());
    assertTrue(body.replayable());
    assertNull(body.note());
    assertArrayEquals(BYTES, drain(body.forSend(null, 0)));
    assertArrayEquals(BYTES, drain(body.forSend(null, 2)));
  }

  @Test
  void anotherModelsBodyReplacesTheHeldOneKeepingItsContentType() throws Exception {
    AsyncRequestBody body = captured(new BasicAsyncEntityProducer(JSON, ContentType.APPLICATION_JSON), 1024);
    byte[] other = JSON.replace("gpt-4o", "gpt-4o-mini").getBytes(StandardCharsets.UTF_8);

    AsyncEntityProducer sent = body.forSend(other, 1);

    assertArrayEquals(other, drain(sent));
    assertTrue(sent.getContentType().startsWith("application/json"), sent.getContentType());
  }

  @Test
  void eachCallKeepsItsOwnContentTypeWhenCallsAlternateBetweenTwo() throws Exception {
    ContentType latin = ContentType.create("application/json", StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 2; round++) {
      AsyncRequestBody utf8 = captured(new BasicAsyncEntityProducer(JSON, ContentType.APPLICATION_JSON), 1024);
      AsyncRequestBody other = captured(new BasicAsyncEntityProducer(JSON, latin), 1024);

      assertEquals(ContentType.APPLICATION_JSON.toString(), utf8.forSend(BYTES, 1).getContentType());
      assertEquals(latin.toString(), other.forSend(BYTES, 1).getContentType());
      assertEquals(ContentType.APPLICATION_JSON.toString(), utf8.forSend(BYTES, 2).getContentType());
    }
  }

  @Test
  void aBodyThatIsNotJsonIsSentAsItIsAndRewoundForALaterSend() throws Exception {
    BasicAsyncEntityProducer producer = new BasicAsyncEntityProducer("hello", ContentType.TEXT_PLAIN);
    AsyncRequestBody body = captured(producer, 1024);

    assertNull(body.bytes());
    assertTrue(body.replayable());
    assertEquals("request body is not JSON; passed through unread", body.note());
    assertSame(producer, body.forSend(null, 0));
    assertEquals("hello", new String(drain(producer), StandardCharsets.UTF_8));
    assertEquals("hello", new String(drain(body.forSend(null, 1)), StandardCharsets.UTF_8), "rewound");
  }

  @Test
  void aRepeatableBodyPastTheBoundIsPassedThroughUnreadAndWhole() throws Exception {
    BasicAsyncEntityProducer producer = new BasicAsyncEntityProducer(JSON, ContentType.APPLICATION_JSON);
    AsyncRequestBody body = captured(producer, 10);

    assertNull(body.bytes());
    assertTrue(body.replayable());
    assertTrue(body.note().contains("larger than 10 bytes"), body.note());
    assertArrayEquals(BYTES, drain(body.forSend(null, 0)));
  }

  @Test
  void aOneShotBodyPastTheBoundIsSentOnceFromItsBytes() throws Exception {
    AsyncRequestBody body = captured(new OneShot(BYTES), 10);

    assertNull(body.bytes(), "no model is read from it");
    assertFalse(body.replayable());
    assertTrue(body.note().contains("one-shot"), body.note());
    assertArrayEquals(BYTES, drain(body.forSend(null, 0)));
  }

  @Test
  void aOneShotJsonBodyWithinTheBoundIsHeldAndReplayed() throws Exception {
    AsyncRequestBody body = captured(new OneShot(BYTES), 1024);

    assertArrayEquals(BYTES, body.bytes());
    assertTrue(body.replayable());
    assertArrayEquals(BYTES, drain(body.forSend(null, 1)));
  }

  @Test
  void aProducerThatWritesLaterIsWaitedForUntilItAsksForOutput() throws Exception {
    OneShot later = new OneShot(BYTES);
    later.ready = false;

    CompletableFuture<AsyncRequestBody> capture = AsyncRequestBody.capture(later, true, 1024);
    assertFalse(capture.isDone(), "nothing written yet, and no thread waits for it");
    later.ready = true;
    later.channel.requestOutput();

    assertArrayEquals(BYTES, capture.get().bytes());
  }

  @Test
  void aProducerThatFailsFailsTheCaptureWithItsOwnException() {
    OneShot failing = new OneShot(BYTES);
    failing.failure = new IOException("disk gone");

    ExecutionException thrown = assertThrows(ExecutionException.class,
        () -> AsyncRequestBody.capture(failing, true, 1024).get());
    assertSame(failing.failure, thrown.getCause());
  }

  @Test
  void noBodyIsNoBody() throws Exception {
    AsyncRequestBody body = captured(null, 1024);

    assertNull(body.bytes());
    assertTrue(body.replayable());
    assertNull(body.forSend(null, 1));
  }

  private static AsyncRequestBody captured(AsyncEntityProducer producer, int maxBytes) throws Exception {
    CompletableFuture<AsyncRequestBody> capture = AsyncRequestBody.capture(producer, true, maxBytes);
    assertTrue(capture.isDone(), "a producer that writes at once is read at once");
    return capture.get();
  }

  private static byte[] drain(AsyncEntityProducer producer) throws Exception {
    AsyncRequestBody.Drain drain = new AsyncRequestBody.Drain(producer, Integer.MAX_VALUE, -1);
    drain.pump();
    return drain.done.get();
  }

  /** A JSON producer that can write only once, when ready, or fails. */
  static final class OneShot implements AsyncEntityProducer {
    private final byte[] bytes;
    volatile boolean ready = true;
    volatile IOException failure;
    volatile DataStreamChannel channel;
    private boolean written;

    OneShot(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void produce(DataStreamChannel out) throws IOException {
      channel = out;
      if (failure != null) {
        throw failure;
      }
      if (ready && !written) {
        written = true;
        out.write(ByteBuffer.wrap(bytes));
        out.endStream();
      }
    }

    @Override
    public boolean isRepeatable() {
      return false;
    }

    @Override
    public void failed(Exception cause) {}

    @Override
    public int available() {
      return ready && !written ? bytes.length : 0;
    }

    @Override
    public void releaseResources() {}

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public String getContentType() {
      return "application/json";
    }

    @Override
    public String getContentEncoding() {
      return null;
    }

    @Override
    public boolean isChunked() {
      return true;
    }

    @Override
    public Set<String> getTrailerNames() {
      return null;
    }
  }
}
