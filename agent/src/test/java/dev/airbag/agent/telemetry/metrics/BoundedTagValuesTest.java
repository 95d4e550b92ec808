package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class BoundedTagValuesTest {
  private static final String PREFIX = "m".repeat(BoundedTagValues.MAX_LENGTH);

  @Test
  void longNamesThatShareTheirKeptPrefixShareOneSlot() {
    BoundedTagValues tags = new BoundedTagValues(2);

    String first = tags.tag(PREFIX + "-one" + "x".repeat(100_000));
    String second = tags.tag(PREFIX + "-two" + "y".repeat(100_000));

    assertEquals(PREFIX, first);
    assertSame(first, second);
    assertEquals("b", tags.tag("b"), "the second slot is still free");
    assertEquals(MetricNames.OTHER, tags.tag("c"));
  }

  @Test
  void anAdmittedValueIsReturnedAsTheSameInstance() {
    BoundedTagValues tags = new BoundedTagValues(10);

    String admitted = tags.tag(new String("gpt-4o"));

    assertSame(admitted, tags.tag(new String("gpt-4o")));
  }

  @Test
  void nullAndEmptyAreUnknownAndTakeNoSlot() {
    BoundedTagValues tags = new BoundedTagValues(1);

    assertEquals(MetricNames.UNKNOWN, tags.tag(null));
    assertEquals(MetricNames.UNKNOWN, tags.tag(""));
    assertEquals("a", tags.tag("a"));
    assertEquals(MetricNames.OTHER, tags.tag("b"));
  }
}
