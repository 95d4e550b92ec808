package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The processes part's storms are sized as their write-up says: 70% load, and a queue that outlasts the timeout. */
class StormProcessStormTest {
  private static double load(StormProcessStorm storm) {
    double capacityPerSecond = storm.slots() * 1000.0 / storm.service().toMillis();
    return StormProcesses.INSTANCES * storm.ratePerInstance() / capacityPerSecond;
  }

  @Test
  void bothStormsLoadTheProviderAtSeventyPercent() {
    for (StormProcessStorm storm : StormProcessStorm.ALL) {
      assertEquals(0.7, load(storm), 1e-9, storm.id());
    }
  }

  @Test
  void theRejectStormHasNoQueueAndTheSdksOwnTimeout() {
    assertEquals(0, StormProcessStorm.REJECT.queueLimit());
    assertNull(StormProcessStorm.REJECT.clientTimeout());
  }

  @Test
  void aFullQueueOutlastsTheAppsTimeoutEvenOnceEverySlotIsBack() {
    StormProcessStorm queue = StormProcessStorm.QUEUE;
    Duration fullQueueWait = queue.service().multipliedBy(queue.queueLimit()).dividedBy(queue.slots());

    assertEquals(Duration.ofSeconds(5), fullQueueWait);
    assertTrue(fullQueueWait.compareTo(queue.clientTimeout()) > 0, "served requests are abandoned ones");
    assertTrue(queue.clientTimeout().compareTo(queue.service()) > 0, "a healthy provider answers within the timeout");
    assertEquals(2, queue.plan().slotsAt(Duration.ofSeconds(queue.dropFromS())), "a fifth of the slots");
  }

  @Test
  void theDescriptionNamesTheQueueAndTheTimeout() {
    String described = StormProcessStorm.QUEUE.describe();

    assertTrue(described.contains("a queue of 100"), described);
    assertTrue(described.contains("timeout at 2.0 s"), described);
    assertTrue(described.contains("(70% of the capacity)"), described);
  }
}
