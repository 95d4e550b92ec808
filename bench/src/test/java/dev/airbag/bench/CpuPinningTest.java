package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuPinningTest {
  @Test
  void theChildrenGoToTheLastAllowedCpuAndTheirServersToTheFirst() {
    CpuPinning two = CpuPinning.of("0-1", "/usr/bin/taskset", false);
    assertEquals(List.of("/usr/bin/taskset", "-c", "1"), two.prefix());
    assertEquals(0, two.serverCpu());
    CpuPinning sparse = CpuPinning.of("2-3,7", "/usr/bin/taskset", false);
    assertEquals(List.of("/usr/bin/taskset", "-c", "7"), sparse.prefix());
    assertEquals(2, sparse.serverCpu());
    assertTrue(sparse.description().contains("servers' threads to CPU 2"), sparse.description());
  }

  @Test
  void oneCpuKeepsTheServersWithTheClients() {
    CpuPinning one = CpuPinning.of("0-1", "/usr/bin/taskset", true);
    assertEquals(List.of("/usr/bin/taskset", "-c", "1"), one.prefix());
    assertEquals(-1, one.serverCpu());
  }

  @Test
  void oneCpuOrAnUnreadableListLeavesThemUnpinnedAndSaysWhy() {
    CpuPinning one = CpuPinning.of("3", "/usr/bin/taskset", false);
    assertEquals(List.of(), one.prefix());
    assertEquals(-1, one.serverCpu());
    assertTrue(one.description().contains("1 CPU"), one.description());
    CpuPinning odd = CpuPinning.of("0-x", "/usr/bin/taskset", false);
    assertEquals(List.of(), odd.prefix());
    assertTrue(odd.description().contains("not understood"), odd.description());
  }
}
