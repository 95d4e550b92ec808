package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HappyServersSectionTest {
  @Test
  void eachRoundsPairsAreSummedUpOnTheirOwn() {
    // Round one's JVMs added about 2 us, round two's about 12: pooled, the median hides that they disagree.
    double[] pairs = {1, 2, 3, 2, 11, 12, 13, 12};

    assertEquals("median per round (fresh JVMs) +2.0, +12.0", HappyServersSection.perRound(pairs, 2, "us"));
    assertEquals("median per round (fresh JVMs) +1500, +12000",
        HappyServersSection.perRound(new double[] {1000, 2000, 12000, 12000}, 2, "B"));
  }

  @Test
  void aSingleRoundHasNoRoundsToCompare() {
    assertEquals("one round", HappyServersSection.perRound(new double[] {1, 2, 3}, 1, "us"));
  }
}
