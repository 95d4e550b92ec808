package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EventDispatcherConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 10_000;
  private final FakeClock clock = new FakeClock(1_795_341_600_123L);

  @Test
  void everyEventFromEightThreadsIsDeliveredExactlyOnceWhenCapacitySuffices() throws InterruptedException {
    RecordingSink sink = new RecordingSink();
    EventDispatcher dispatcher = new EventDispatcher(List.of(sink), THREADS * PER_THREAD, clock);
    dispatcher.start();
    Set<String> offered = ConcurrentHashMap.newKeySet();

    long refused = offerFromThreads(dispatcher, offered);

    assertTrue(dispatcher.flush(Duration.ofSeconds(30)));
    dispatcher.close(Duration.ofSeconds(10));
    List<String> ids = sink.ids();
    assertEquals(0, refused);
    assertEquals(THREADS * PER_THREAD, ids.size());
    assertEquals(offered, new HashSet<>(ids), "each offered id delivered, none twice");
    assertEquals(THREADS * PER_THREAD, dispatcher.delivered());
    assertEquals(0, dispatcher.dropped());
  }

  @Test
  void withASmallQueueEveryOfferIsEitherDeliveredOrCountedAsDropped() throws InterruptedException {
    RecordingSink sink = new RecordingSink();
    EventDispatcher dispatcher = new EventDispatcher(List.of(sink), 64, clock);
    dispatcher.start();
    Set<String> offered = ConcurrentHashMap.newKeySet();

    long refused = offerFromThreads(dispatcher, offered);

    assertTrue(dispatcher.flush(Duration.ofSeconds(30)));
    dispatcher.close(Duration.ofSeconds(10));
    assertEquals(refused, dispatcher.dropped());
    assertEquals(THREADS * PER_THREAD - refused, dispatcher.delivered());
    assertEquals(dispatcher.delivered(), new HashSet<>(sink.ids()).size());
  }

  private long offerFromThreads(EventDispatcher dispatcher, Set<String> offered) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    long[] refusedPerThread = new long[THREADS];
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int index = t;
      Thread thread = new Thread(() -> {
        awaitQuietly(go);
        for (int i = 0; i < PER_THREAD; i++) {
          Event event = Event.builder(EventKinds.LLM_CALL, clock).put(EventFields.ATTEMPTS, i).build();
          offered.add(event.id());
          if (!dispatcher.offer(event)) {
            refusedPerThread[index]++;
          }
        }
      }, "app-" + t);
      threads.add(thread);
      thread.start();
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long refused = 0;
    for (long r : refusedPerThread) {
      refused += r;
    }
    return refused;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
