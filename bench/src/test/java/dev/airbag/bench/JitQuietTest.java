package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitQuietTest {
  private static final long BATCH = 100_000_000; // 100 ms

  @Test
  void quietOnlyOnceTheLastTurnsCompiledUnderTheShareOfTheirWallTime() {
    JitQuiet jit = new JitQuiet();
    long compiled = 0;
    jit.observe(BATCH, compiled);
    for (int i = 0; i < JitQuiet.TURNS; i++) {
      assertFalse(jit.quiet(), "fewer turns than it judges on");
      jit.observe(BATCH, compiled += 1_000_000); // 1% each
    }
    assertTrue(jit.quiet(), "1% of each batch");
    jit.observe(BATCH, compiled += 20_000_000); // one big compile: 21 ms of the last 300
    assertFalse(jit.quiet(), "a compile burst in the window");
    jit.observe(BATCH, compiled);
    jit.observe(BATCH, compiled);
    assertFalse(jit.quiet(), "the burst is still among the last turns");
    jit.observe(BATCH, compiled);
    assertTrue(jit.quiet(), "the burst left the window");
    assertEquals(compiled, jit.jitNanos());
  }

  @Test
  void readsTheBatchLineAndALineWithoutJitTimeIsNotWaitedFor() {
    JitQuiet reported = new JitQuiet();
    for (int i = 0; i <= JitQuiet.TURNS; i++) {
      reported.observe(("BATCH 1 2 3 4 5 6 " + BATCH + " " + 1_000_000L * i).split(" "));
    }
    JitQuiet older = new JitQuiet();
    older.observe("BATCH 1 2 3 4 5 6".split(" "));

    assertTrue(reported.quiet(), "1 ms of compiling per 100 ms batch");
    assertEquals(1_000_000L * JitQuiet.TURNS, reported.jitNanos());
    assertTrue(older.quiet());
    assertEquals(-1, older.jitNanos());
    assertFalse(JitQuiet.allQuiet(java.util.List.of(reported, new JitQuiet())), "one child still unjudged");
  }

  @Test
  void aChildThatCannotTellItsJitTimeIsNotWaitedFor() {
    JitQuiet jit = new JitQuiet();
    jit.observe(BATCH, -1);

    assertTrue(jit.quiet());
    assertEquals(-1, jit.jitNanos());
  }
}
