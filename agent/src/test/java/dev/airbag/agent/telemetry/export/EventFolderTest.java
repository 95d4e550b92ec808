package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventFolderTest {
  private static final long WINDOW = TimeUnit.SECONDS.toNanos(10);
  private final ManualClock clock = new ManualClock();
  private final List<Event> out = new ArrayList<>();

  @Test
  void theFirstEventPassesAndTheRestAreSummarisedWhenTheWindowEnds() {
    // given a folder and three identical failures within its window
    EventFolder folder = new EventFolder(WINDOW, 100);
    Event first = TestEvents.llmFailure(TestEvents.T0);
    Event second = TestEvents.llmFailure(TestEvents.T0 + 1_000);
    Event third = TestEvents.llmFailure(TestEvents.T0 + 2_000);

    // when they are offered and the window then ends
    assertFalse(folder.absorb(first, clock.nanoTime()));
    assertTrue(folder.absorb(second, clock.nanoTime()));
    assertTrue(folder.absorb(third, clock.nanoTime()));
    folder.expire(clock.nanoTime() + WINDOW - 1, out::add);
    assertEquals(List.of(), out);
    folder.expire(clock.nanoTime() + WINDOW, out::add);

    // then one summary stands for the two folded ones, with their first and last time
    assertEquals(1, out.size());
    Event summary = out.get(0);
    assertEquals(second.id(), summary.id());
    assertEquals(2L, summary.get(EventFields.COUNT));
    assertEquals("2026-11-18T11:06:41.000Z", summary.get(EventFields.FIRST_SEEN));
    assertEquals("2026-11-18T11:06:42.000Z", summary.get(EventFields.LAST_SEEN));
    assertEquals("rate_limited", summary.get(EventFields.CATEGORY));
    assertEquals(0, folder.openFolds());
  }

  @Test
  void aFoldThatAbsorbedNothingEndsSilently() {
    EventFolder folder = new EventFolder(WINDOW, 100);
    folder.absorb(TestEvents.llmFailure(TestEvents.T0), clock.nanoTime());

    folder.expire(clock.nanoTime() + WINDOW, out::add);

    assertEquals(List.of(), out);
    assertEquals(0, folder.openFolds());
  }

  @Test
  void eventsThatDifferInTheFingerprintAreNotFolded() {
    EventFolder folder = new EventFolder(WINDOW, 100);
    folder.absorb(TestEvents.llmFailure(TestEvents.T0), clock.nanoTime());

    Event otherModel = Event.builder(EventKinds.LLM_CALL).timestampMillis(TestEvents.T0)
        .put(EventFields.CATEGORY, "rate_limited").put(EventFields.MODEL, "gpt-4o-mini").build();

    assertFalse(folder.absorb(otherModel, clock.nanoTime()));
  }

  @Test
  void exceptionsFoldByTheirFingerprintAndCircuitChangesNeverFold() {
    EventFolder folder = new EventFolder(WINDOW, 100);
    Event npeHere = exception("fp-1");
    Event npeThere = exception("fp-2");
    Event opened = Event.builder(EventKinds.CIRCUIT).timestampMillis(TestEvents.T0)
        .put(EventFields.CIRCUIT_STATE, "open").build();

    assertFalse(folder.absorb(npeHere, clock.nanoTime()));
    assertTrue(folder.absorb(exception("fp-1"), clock.nanoTime()));
    assertFalse(folder.absorb(npeThere, clock.nanoTime()));
    assertFalse(folder.absorb(opened, clock.nanoTime()));
    assertFalse(folder.absorb(opened, clock.nanoTime()));
  }

  @Test
  void pastTheFoldCapEventsPassUnfolded() {
    // given a folder that may hold one fold
    EventFolder folder = new EventFolder(WINDOW, 1);
    folder.absorb(exception("fp-1"), clock.nanoTime());

    // when a second fingerprint floods
    boolean folded = folder.absorb(exception("fp-2"), clock.nanoTime())
        || folder.absorb(exception("fp-2"), clock.nanoTime());

    // then nothing of it is held back, and memory stays at one fold
    assertFalse(folded);
    assertEquals(1, folder.openFolds());
  }

  @Test
  void drainingAtShutdownSummarisesEveryOpenFold() {
    EventFolder folder = new EventFolder(WINDOW, 100);
    for (int i = 0; i < 5; i++) {
      folder.absorb(exception("fp-1"), clock.nanoTime());
      folder.absorb(exception("fp-2"), clock.nanoTime());
    }

    folder.drain(out::add);

    assertEquals(List.of(4L, 4L), out.stream().map(e -> e.get(EventFields.COUNT)).toList());
    assertEquals(Long.MAX_VALUE, folder.nextExpiryNanos());
  }

  @Test
  void aZeroWindowDisablesFolding() {
    EventFolder folder = new EventFolder(0, 100);
    folder.absorb(exception("fp-1"), clock.nanoTime());

    assertFalse(folder.absorb(exception("fp-1"), clock.nanoTime()));
  }

  private static Event exception(String fingerprint) {
    return Event.builder(EventKinds.EXCEPTION).timestampMillis(TestEvents.T0)
        .put(EventFields.EXCEPTION_TYPE, "java.lang.NullPointerException")
        .put(EventFields.FINGERPRINT, fingerprint).build();
  }
}
