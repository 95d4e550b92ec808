package dev.airbag.agent.telemetry.events;

import dev.airbag.agent.engine.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thing worth shipping: a failed LLM call, a circuit change, an uncaught exception, an alert. An id, a
 * timestamp, a kind and ordered attributes whose values are String, Long, Integer, Double, Boolean or
 * List&lt;String&gt;. Immutable and thread-safe, so the app thread builds it and the exporter thread writes it.
 *
 * <p>The timestamp comes from the caller: {@link #builder(String, Clock)} reads the injected clock, or
 * {@link Builder#timestampMillis(long)} sets it; {@link Builder#build()} refuses an event without one.
 */
public final class Event {
  private final String id;
  private final long timestampMillis;
  private final String kind;
  private final Map<String, Object> attributes;

  private Event(Builder b) {
    this.id = b.id != null ? b.id : EventIds.next();
    this.timestampMillis = b.timestampMillis;
    this.kind = b.kind;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
  }

  /** Starts an event of the given kind (see {@link EventKinds}); set its timestamp before building. */
  public static Builder builder(String kind) {
    return new Builder(kind);
  }

  /** Starts an event of the given kind, stamped now by the injected clock. */
  public static Builder builder(String kind, Clock clock) {
    return new Builder(kind).timestampMillis(clock.currentTimeMillis());
  }

  public String id() {
    return id;
  }

  /** Wall-clock milliseconds since the epoch. */
  public long timestampMillis() {
    return timestampMillis;
  }

  public String kind() {
    return kind;
  }

  /** An attribute's value, or null; {@code id}, {@code timestamp} (a Long) and {@code kind} are answered too. */
  public Object get(String field) {
    if (EventFields.ID.equals(field)) {
      return id;
    }
    if (EventFields.TIMESTAMP.equals(field)) {
      return timestampMillis;
    }
    if (EventFields.KIND.equals(field)) {
      return kind;
    }
    return attributes.get(field);
  }

  /** The attributes in insertion order, without id, timestamp and kind; unmodifiable. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The event's JSON line, for logs and test failures. */
  @Override
  public String toString() {
    return EventJson.toJsonString(this);
  }

  /**
   * Collects an event's attributes. Null values are ignored; putting a field twice keeps its first position
   * and the last value. Strings and lists are bounded (see {@link AttributeValues}) so that one event can
   * never hold an unbounded payload. Not thread-safe; reusable, since each build copies.
   */
  public static final class Builder {
    private final String kind;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private String id;
    private long timestampMillis;
    private boolean timestamped;

    private Builder(String kind) {
      if (kind == null || kind.isEmpty()) {
        throw new IllegalArgumentException("an event needs a kind");
      }
      this.kind = kind;
    }

    /** Sets the wall-clock time in milliseconds since the epoch. */
    public Builder timestampMillis(long millis) {
      this.timestampMillis = millis;
      this.timestamped = true;
      return this;
    }

    /** Sets the id, for replaying a stored event; a fresh random id is used otherwise. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder put(String field, String value) {
      return value == null ? this : store(field, AttributeValues.bound(value));
    }

    public Builder put(String field, Long value) {
      return value == null ? this : store(field, value);
    }

    public Builder put(String field, Integer value) {
      return value == null ? this : store(field, value);
    }

    public Builder put(String field, Double value) {
      return value == null ? this : store(field, value);
    }

    public Builder put(String field, Boolean value) {
      return value == null ? this : store(field, value);
    }

    public Builder put(String field, List<String> value) {
      return value == null ? this : store(field, AttributeValues.bound(value));
    }

    /** Builds the event; throws IllegalStateException when no timestamp was set. */
    public Event build() {
      if (!timestamped) {
        throw new IllegalStateException("event '" + kind + "' has no timestamp");
      }
      return new Event(this);
    }

    private Builder store(String field, Object value) {
      // id, timestamp and kind are written first by every sink; an attribute of the same name would duplicate them.
      if (field == null || EventFields.ID.equals(field) || EventFields.TIMESTAMP.equals(field)
          || EventFields.KIND.equals(field)) {
        throw new IllegalArgumentException("not an attribute name: " + field);
      }
      attributes.put(field, value);
      return this;
    }
  }
}
