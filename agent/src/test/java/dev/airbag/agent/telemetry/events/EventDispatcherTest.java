package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private final FakeClock clock = new FakeClock(1_795_341_600_123L);
  private final List<EventDispatcher> dispatchers = new ArrayList<>();

  @AfterEach
  void closeDispatchers() {
    dispatchers.forEach(d -> d.close(Duration.ZERO));
  }

  @Test
  void offersReturnAtOnceWhileTheSinkIsStuckAndCountDropsPastCapacity() throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    RecordingSink sink = new RecordingSink(gate);
    EventDispatcher dispatcher = started(List.of(sink), 10);
    dispatcher.offer(event());
    assertTrue(sink.firstWriteEntered.await(10, TimeUnit.SECONDS), "the exporter holds the first event");

    List<Boolean> accepted = new ArrayList<>();
    assertTimeoutPreemptively(PATIENCE, () -> {
      for (int i = 0; i < 15; i++) {
        accepted.add(dispatcher.offer(event()));
      }
    });

    assertEquals(10, accepted.stream().filter(a -> a).count());
    assertEquals(List.of(false, false, false, false, false), accepted.subList(10, 15));
    assertEquals(5, dispatcher.dropped());
    gate.countDown();
    assertTrue(dispatcher.flush(PATIENCE));
    assertEquals(11, dispatcher.delivered());
    assertEquals(11, sink.events.size());
  }

  @Test
  void flushReturnsOnlyOnceEverythingOfferedBeforeItIsWritten() throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    RecordingSink sink = new RecordingSink(gate);
    EventDispatcher dispatcher = started(List.of(sink), 1000);
    for (int i = 0; i < 700; i++) {
      dispatcher.offer(event());
    }

    assertFalse(dispatcher.flush(Duration.ofMillis(20)), "the sink is held shut");
    gate.countDown();
    boolean flushed = dispatcher.flush(PATIENCE);

    assertTrue(flushed);
    assertEquals(700, sink.events.size(), "all written when flush returned, in more than one batch");
    assertEquals(700, dispatcher.delivered());
  }

  @Test
  void eventsOfferedBeforeStartAreDeliveredOnceStarted() {
    RecordingSink sink = new RecordingSink();
    EventDispatcher dispatcher = track(new EventDispatcher(List.of(sink), 10, clock));
    Event early = event();
    assertTrue(dispatcher.offer(early));
    assertFalse(dispatcher.flush(PATIENCE), "nothing runs before start");

    dispatcher.start();

    assertTrue(dispatcher.flush(PATIENCE));
    assertEquals(List.of(early.id()), sink.ids());
  }

  @Test
  void closeDrainsTheQueueThenClosesSinksOnTheExporterThread() {
    RecordingSink sink = new RecordingSink();
    EventDispatcher dispatcher = started(List.of(sink), 5000);
    List<String> offered = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Event event = event();
      offered.add(event.id());
      dispatcher.offer(event);
    }

    dispatcher.close(PATIENCE);

    assertEquals(offered, sink.ids());
    assertEquals(1, sink.closes.get());
    assertEquals("airbag-events", sink.closingThread.getName());
    assertEquals(0, dispatcher.dropped());
  }

  @Test
  void afterCloseOffersAreRefusedAndCountedAndCloseIsIdempotent() {
    RecordingSink sink = new RecordingSink();
    EventDispatcher dispatcher = started(List.of(sink), 10);
    dispatcher.close(PATIENCE);

    boolean accepted = dispatcher.offer(event());
    dispatcher.close(PATIENCE);

    assertFalse(accepted);
    assertEquals(1, dispatcher.dropped());
    assertEquals(1, sink.closes.get());
  }

  @Test
  void closeGivesUpOnAStuckSinkAndCountsWhatItLeftBehind() throws InterruptedException {
    RecordingSink stuck = new RecordingSink(new CountDownLatch(1));
    EventDispatcher dispatcher = started(List.of(stuck), 10);
    dispatcher.offer(event());
    assertTrue(stuck.firstWriteEntered.await(10, TimeUnit.SECONDS));
    for (int i = 0; i < 4; i++) {
      dispatcher.offer(event());
    }

    assertTimeoutPreemptively(PATIENCE, () -> dispatcher.close(Duration.ofMillis(50)));
    Thread exporter = stuck.writerThreads.get(0);
    exporter.join(PATIENCE.toMillis());

    assertFalse(exporter.isAlive());
    assertEquals(4, dispatcher.dropped());
    assertEquals(1, dispatcher.failed(), "the interrupted batch");
    assertEquals(1, stuck.closes.get());
  }

  @Test
  void closeWithoutStartClosesSinksAndCountsTheQueuedAsDropped() {
    RecordingSink sink = new RecordingSink();
    EventDispatcher dispatcher = track(new EventDispatcher(List.of(sink), 10, clock));
    dispatcher.offer(event());
    dispatcher.offer(event());

    dispatcher.close(PATIENCE);

    assertEquals(2, dispatcher.dropped());
    assertEquals(1, sink.closes.get());
    assertTrue(sink.events.isEmpty());
  }

  @Test
  void aThrowingSinkDoesNotStopTheOtherSinksOrLaterBatches() {
    FailingSink failing = new FailingSink(Integer.MAX_VALUE, new IOException("collector down"));
    FailingSink erroring = new FailingSink(Integer.MAX_VALUE, new NoClassDefFoundError("missing"));
    RecordingSink healthy = new RecordingSink();
    EventDispatcher dispatcher = started(List.of(failing, erroring, healthy), 10);

    dispatcher.offer(event());
    assertTrue(dispatcher.flush(PATIENCE));
    dispatcher.offer(event());
    assertTrue(dispatcher.flush(PATIENCE));

    assertEquals(2, healthy.events.size());
    assertEquals(2, failing.attempts.get());
    assertEquals(2, erroring.attempts.get());
    assertEquals(4, dispatcher.sinkFailures());
    assertEquals(2, dispatcher.failed());
    assertEquals(0, dispatcher.delivered());
  }

  @Test
  void aSinkThatRecoversCountsLaterBatchesAsDelivered() {
    FailingSink flaky = new FailingSink(1, new IllegalStateException("once"));
    EventDispatcher dispatcher = started(List.of(flaky), 10);

    dispatcher.offer(event());
    assertTrue(dispatcher.flush(PATIENCE));
    dispatcher.offer(event());
    assertTrue(dispatcher.flush(PATIENCE));

    assertEquals(1, dispatcher.failed());
    assertEquals(1, dispatcher.delivered());
  }

  @Test
  void theExporterIsOneDaemonThreadNamedAirbagEvents() {
    RecordingSink sink = new RecordingSink();
    EventDispatcher dispatcher = started(List.of(sink), 10);
    dispatcher.start();

    dispatcher.offer(event());
    assertTrue(dispatcher.flush(PATIENCE));
    dispatcher.offer(event());
    assertTrue(dispatcher.flush(PATIENCE));

    Thread exporter = sink.writerThreads.get(0);
    assertEquals("airbag-events", exporter.getName());
    assertTrue(exporter.isDaemon());
    assertEquals(exporter, sink.writerThreads.get(1), "a second start is a no-op");
  }

  private EventDispatcher started(List<EventSink> sinks, int capacity) {
    EventDispatcher dispatcher = track(new EventDispatcher(sinks, capacity, clock));
    dispatcher.start();
    return dispatcher;
  }

  private EventDispatcher track(EventDispatcher dispatcher) {
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  private Event event() {
    return Event.builder(EventKinds.LLM_CALL, clock).put(EventFields.CATEGORY, "overloaded").build();
  }
}
