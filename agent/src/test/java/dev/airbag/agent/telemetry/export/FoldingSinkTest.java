package dev.airbag.agent.telemetry.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventSink;
import dev.airbag.agent.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldingSinkTest {
  private final FakeClock clock = new FakeClock();
  private final List<Event> written = new ArrayList<>();
  private final EventSink file = new EventSink() {
    @Override
    public String name() {
      return "file";
    }

    @Override
    public void write(List<Event> batch) {
      written.addAll(batch);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private final FoldingSink sink = new FoldingSink(file, Duration.ofSeconds(10).toNanos(), clock);

  @Test
  void aStormOfIdenticalEventsIsWrittenAsItsFirstEventThenOneSummaryWithTheCount() throws Exception {
    Event first = TestEvents.llmFailure(TestEvents.T0);
    List<Event> storm = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      storm.add(i == 0 ? first : TestEvents.llmFailure(TestEvents.T0 + i));
    }

    sink.write(storm.subList(0, 5_000));
    sink.write(storm.subList(5_000, 10_000));
    assertEquals(List.of(first), written, "the incident's first event is written at once");

    clock.advance(Duration.ofSeconds(11));
    sink.tick();

    assertEquals(2, written.size());
    assertEquals(9_999L, written.get(1).get(EventFields.COUNT));
  }

  @Test
  void distinctEventsPassAndOpenFoldsAreWrittenAtClose() throws Exception {
    List<Event> distinct = TestEvents.numbered(3);
    sink.write(distinct);
    sink.write(List.of(TestEvents.numbered(1).get(0)));

    sink.close();

    assertEquals(4, written.size());
    assertEquals(distinct, written.subList(0, 3));
    assertEquals(1L, written.get(3).get(EventFields.COUNT));
  }

  @Test
  void aZeroWindowFoldsNothing() throws Exception {
    FoldingSink off = new FoldingSink(file, 0, clock);

    off.write(List.of(TestEvents.llmFailure(TestEvents.T0), TestEvents.llmFailure(TestEvents.T0 + 1)));

    assertEquals(2, written.size());
  }
}
