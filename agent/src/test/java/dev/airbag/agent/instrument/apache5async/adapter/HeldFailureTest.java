package dev.airbag.agent.instrument.apache5async.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.junit.jupiter.api.Test;

class HeldFailureTest {
  private final AtomicInteger cuts = new AtomicInteger();
  private final HeldFailure held = new HeldFailure(10, cuts::incrementAndGet);
  private final List<Integer> granted = new ArrayList<>();
  private final CapacityChannel capacity = granted::add;

  @Test
  void aBodyWithinTheBoundIsKeptWholeAndNeverCut() throws Exception {
    held.updateCapacity(capacity);
    held.consume(bytes("0123456789"));
    held.streamEnd(null);

    assertArrayEquals("0123456789".getBytes(), held.kept());
    assertFalse(held.cut());
    assertEquals(0, cuts.get());
    assertEquals(List.of(10), granted, "room up to the bound");
    assertFalse(held.drop(), "read to its end: its connection is fine");
  }

  @Test
  void theFirstBytePastTheBoundCutsItOnceAndAsksForNoMoreRoom() throws Exception {
    held.consume(bytes("0123456789ab"));
    held.consume(bytes("cd"));
    held.updateCapacity(capacity);

    assertTrue(held.cut());
    assertEquals(1, cuts.get());
    assertArrayEquals("0123456789".getBytes(), held.kept());
    assertEquals(List.of(), granted, "the rest waits on the connection");
  }

  @Test
  void relayedToTheAppItGetsEveryByteThenTheRestAsItComes() throws Exception {
    held.updateCapacity(capacity);
    held.consume(bytes("0123456789ab"));
    Recording app = new Recording();

    assertNull(held.relayTo(app), "the exchange goes on");
    held.consume(bytes("cd"));
    held.streamEnd(null);

    assertEquals("0123456789abcd", app.text());
    assertTrue(app.ended);
    assertSame(capacity, app.capacity, "the app's consumer now gives the room");
    assertTrue(held.wireDone(null), "the app reads it: the caller tells the app the exchange ended");
  }

  @Test
  void relayedAfterTheEndItSaysHowTheExchangeEnded() throws Exception {
    held.consume(bytes("0123456789ab"));
    held.streamEnd(null);
    assertFalse(held.wireDone(null));
    Recording app = new Recording();

    assertSame(HeldFailure.WHOLE, held.relayTo(app));
    assertEquals("0123456789ab", app.text());
    assertTrue(app.ended);
  }

  @Test
  void droppedWhileTheRestIsOnTheConnectionItMustBeClosed() throws Exception {
    held.consume(bytes("0123456789ab"));

    assertTrue(held.drop());
    held.consume(bytes("cd"));
    assertArrayEquals("0123456789".getBytes(), held.kept());
    assertFalse(held.drop(), "closed once");
  }

  @Test
  void relayedToTheAppItIsNeverDropped() throws Exception {
    held.consume(bytes("0123456789ab"));
    held.relayTo(new Recording());

    assertFalse(held.drop());
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes());
  }

  private static final class Recording implements AsyncDataConsumer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    CapacityChannel capacity;
    boolean ended;

    String text() {
      return out.toString();
    }

    @Override
    public void updateCapacity(CapacityChannel channel) {
      capacity = channel;
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
      byte[] chunk = new byte[src.remaining()];
      src.get(chunk);
      out.write(chunk);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
      ended = true;
    }

    @Override
    public void releaseResources() {}
  }
}
