package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuPinningTest {
  @Test
  void theChildrenGoToTheLastAllowedCpu() {
    assertEquals(List.of("/usr/bin/taskset", "-c", "1"), CpuPinning.lastOf("0-1", "/usr/bin/taskset").prefix());
    assertEquals(List.of("/usr/bin/taskset", "-c", "7"), CpuPinning.lastOf("0,2-3,7", "/usr/bin/taskset").prefix());
  }

  @Test
  void oneCpuOrAnUnreadableListLeavesThemUnpinnedAndSaysWhy() {
    CpuPinning one = CpuPinning.lastOf("3", "/usr/bin/taskset");
    assertEquals(List.of(), one.prefix());
    assertTrue(one.description().contains("1 CPU"), one.description());
    CpuPinning odd = CpuPinning.lastOf("0-x", "/usr/bin/taskset");
    assertEquals(List.of(), odd.prefix());
    assertTrue(odd.description().contains("not understood"), odd.description());
  }
}
