package dev.airbag.agent.uncaught;

import dev.airbag.agent.telemetry.events.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects the events a reporter offers, in order. Thread-safe. */
final class RecordingEvents implements Consumer<Event> {
  final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void accept(Event event) {
    events.add(event);
  }

  Event last() {
    return events.get(events.size() - 1);
  }
}
