package dev.airbag.bench.inprocess.storm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The storm simulation on the agent's own engine, as counts: Airbag at its defaults changes nothing where retries
 * win, breaks the retry storm that outlives a queueing provider's drop, and needs the fleet to do so when each
 * instance sees too few calls to tell an outage from noise.
 */
class StormRunTest {
  private static final StormSettings REJECT = StormSimulation.STORMS.get("reject");
  private static final StormSettings QUEUE = StormSimulation.STORMS.get("queue");

  @Test
  void aProviderWithRoomAnswersEveryCallWithOneRequest() {
    StormSettings calm = new StormSettings(4, 100, 2.0, 0.02, 0, 0, 0.5, 30, 10, 10, 1.0);
    Timeline alone = StormRun.run(calm, StormVariant.SDK_ALONE, 1);
    Timeline airbag = StormRun.run(calm, StormVariant.AIRBAG, 1);

    int calls = Timeline.sum(alone.started);
    assertTrue(calls > 700, "about 25 calls/s for 30 s: " + calls);
    assertEquals(calls, Timeline.sum(alone.answered));
    assertEquals(calls, Timeline.sum(alone.requests));
    assertArrayEquals(alone.requests, airbag.requests);
    assertArrayEquals(alone.answered, airbag.answered);
  }

  @Test
  void whereRetriesWinAirbagAtItsDefaultsSendsAndAnswersExactlyAsTheSdkAlone() {
    for (int instances : new int[] {4, 40}) {
      Timeline alone = StormRun.run(REJECT.withInstances(instances), StormVariant.SDK_ALONE, 2);
      Timeline airbag = StormRun.run(REJECT.withInstances(instances), StormVariant.AIRBAG, 2);
      Timeline fleet = StormRun.run(REJECT.withInstances(instances), StormVariant.AIRBAG_FLEET, 2);

      assertTrue(Timeline.sum(alone.rejected) > 300, "the drop turns requests away: " + Timeline.sum(alone.rejected));
      assertTrue(Timeline.sum(alone.failed) > 0, "some calls fail all three attempts");
      for (Timeline with : new Timeline[] {airbag, fleet}) {
        assertArrayEquals(alone.requests, with.requests, "the same requests, second by second");
        assertArrayEquals(alone.answered, with.answered, "the same answers, second by second");
      }
    }
  }

  @Test
  void aQueueThatServesAbandonedRequestsKeepsTheSdkAloneDownAndAirbagBreaksTheStorm() {
    StormSettings storm = QUEUE.withInstances(4);
    Timeline alone = StormRun.run(storm, StormVariant.SDK_ALONE, 1);
    Timeline airbag = StormRun.run(storm, StormVariant.AIRBAG, 1);

    int lastSecond = storm.seconds() - 1 - storm.dropEndSeconds();
    assertEquals(lastSecond, StormSimulation.recoverySeconds(storm, alone), "the SDK alone never recovers");
    assertTrue(StormSimulation.recoverySeconds(storm, airbag) <= 20,
        "Airbag's apps answer again within 20 s of the provider: " + StormSimulation.recoverySeconds(storm, airbag));
    assertTrue(Timeline.sum(airbag.answered) > 3 * Timeline.sum(alone.answered),
        Timeline.sum(airbag.answered) + " answered with Airbag, " + Timeline.sum(alone.answered) + " alone");
    assertTrue(Timeline.sum(airbag.requests) < Timeline.sum(alone.requests) / 2,
        Timeline.sum(airbag.requests) + " requests with Airbag, " + Timeline.sum(alone.requests) + " alone");
  }

  @Test
  void fortyInstancesThatEachSeeTooFewCallsBreakTheStormAsAFleet() {
    StormSettings storm = QUEUE.withInstances(40);
    Timeline alone = StormRun.run(storm, StormVariant.AIRBAG, 1);
    Timeline fleet = StormRun.run(storm, StormVariant.AIRBAG_FLEET, 1);

    int calls = Timeline.sum(fleet.started);
    assertTrue(StormSimulation.recoverySeconds(storm, alone) > 40,
        "each instance alone opens its circuit too late: " + StormSimulation.recoverySeconds(storm, alone));
    assertTrue(StormSimulation.recoverySeconds(storm, fleet) <= 15,
        "the fleet answers again within 15 s of the provider: " + StormSimulation.recoverySeconds(storm, fleet));
    assertTrue(Timeline.sum(fleet.answered) > Timeline.sum(alone.answered) + calls / 3,
        Timeline.sum(fleet.answered) + " answered as a fleet, " + Timeline.sum(alone.answered) + " alone, of " + calls);
  }
}
