package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import java.util.List;
import java.util.Map;

/** Copies attribute values of any admitted type into an event builder (the builder's puts are typed). Stateless. */
final class EventCopy {
  private EventCopy() {
  }

  /** A builder holding the event's id, timestamp, kind and attributes, to add fields to. */
  static Event.Builder of(Event event) {
    Event.Builder builder = Event.builder(event.kind()).id(event.id()).timestampMillis(event.timestampMillis());
    for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
      put(builder, attribute.getKey(), attribute.getValue());
    }
    return builder;
  }

  @SuppressWarnings("unchecked")
  static void put(Event.Builder builder, String field, Object value) {
    if (value instanceof String) {
      builder.put(field, (String) value);
    } else if (value instanceof Integer) {
      builder.put(field, (Integer) value);
    } else if (value instanceof Long) {
      builder.put(field, (Long) value);
    } else if (value instanceof Double) {
      builder.put(field, (Double) value);
    } else if (value instanceof Boolean) {
      builder.put(field, (Boolean) value);
    } else if (value instanceof List) {
      builder.put(field, (List<String>) value);
    } else if (value != null) {
      builder.put(field, String.valueOf(value));
    }
  }
}
