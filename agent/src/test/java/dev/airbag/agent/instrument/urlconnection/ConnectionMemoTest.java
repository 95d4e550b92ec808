package dev.airbag.agent.instrument.urlconnection;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

class ConnectionMemoTest {
  private final ConnectionMemo memo = new ConnectionMemo();

  @Test
  void aThreadFindsWhatItNotedForTheSameConnectionOnly() {
    Object connection = new Object();
    Object state = new Object();
    memo.put(connection, state);

    assertSame(state, memo.get(connection));
    assertNull(memo.get(new Object()), "another connection, even of the same class, is not this one");
    memo.put(connection, ConnectionMemo.NOT_LLM);
    assertSame(ConnectionMemo.NOT_LLM, memo.get(connection));
  }

  @Test
  void anotherThreadFindsNothing() throws Exception {
    Object connection = new Object();
    memo.put(connection, new Object());
    FutureTask<Object> elsewhere = new FutureTask<>(() -> memo.get(connection));
    Thread thread = new Thread(elsewhere);
    thread.start();
    thread.join();

    assertNull(elsewhere.get());
  }

  @Test
  void aNewConnectionTakesThePlaceOfTheLast() {
    Object first = new Object();
    Object second = new Object();
    memo.put(first, "first");
    memo.put(second, "second");

    assertNull(memo.get(first));
    assertSame("second", memo.get(second));
  }

  @Test
  void aStateIsHeldWeaklySoAnIdleThreadKeepsNoFinishedCall() throws Exception {
    Object connection = new Object();
    Object state = new Object();
    memo.put(connection, state);
    WeakReference<Object> dropped = new WeakReference<>(state);
    state = null;

    assertTrue(collected(dropped), "the memo kept a state nothing else holds");
    assertNull(memo.get(connection), "a state gone is noted as nothing: the map answers");
  }

  @Test
  void theConnectionIsHeldWeakly() throws Exception {
    Object connection = new Object();
    memo.put(connection, ConnectionMemo.NOT_LLM);
    WeakReference<Object> dropped = new WeakReference<>(connection);
    connection = null;

    assertTrue(collected(dropped), "the memo kept a connection the app dropped");
  }

  /** True once the collector has cleared {@code reference}, asked a few times over half a second. */
  private static boolean collected(WeakReference<Object> reference) throws InterruptedException {
    for (int i = 0; i < 50 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    return reference.get() == null;
  }
}
