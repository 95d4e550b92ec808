package dev.airbag.bench;

import java.util.ArrayDeque;

/**
 * Whether one child's JIT has gone quiet: over its last {@link #TURNS} batches it compiled for at most {@link #SHARE}
 * of their wall time. Until then a batch measures compilation as much as calls, and the agent's child compiles more
 * (Airbag's own code, and the client's compiled again around it): a few thousand calls of warm-up left the first
 * round's figures moving by ten microseconds between runs of the same agent. Not thread-safe.
 */
final class JitQuiet {
  static final int TURNS = 3;
  static final double SHARE = 0.02;

  private final ArrayDeque<long[]> recent = new ArrayDeque<>();
  private long lastJitNanos = -1;
  private boolean unknown;

  /** Takes one batch: its wall time and the child's JIT time since start (-1: the child cannot tell). */
  void observe(long batchNanos, long jitNanos) {
    if (jitNanos < 0 || batchNanos <= 0) {
      unknown = true;
      return;
    }
    if (lastJitNanos >= 0) {
      recent.addLast(new long[] {batchNanos, jitNanos - lastJitNanos});
      if (recent.size() > TURNS) {
        recent.removeFirst();
      }
    }
    lastJitNanos = jitNanos;
  }

  /** Takes one batch as the child reported it ({@code BATCH ... batch_ns jit_ns}); older lines carry no JIT time. */
  void observe(String[] batchAnswer) {
    if (batchAnswer.length > 8) {
      observe(Long.parseLong(batchAnswer[7]), Long.parseLong(batchAnswer[8]));
    } else {
      observe(0, -1);
    }
  }

  /** Whether every one of these children's JIT is quiet. */
  static boolean allQuiet(Iterable<JitQuiet> children) {
    for (JitQuiet child : children) {
      if (!child.quiet()) {
        return false;
      }
    }
    return true;
  }

  /** True once the last turns compiled little, or when the child does not report its JIT time (nothing to wait for). */
  boolean quiet() {
    if (unknown) {
      return true;
    }
    if (recent.size() < TURNS) {
      return false;
    }
    long wall = 0;
    long compiled = 0;
    for (long[] batch : recent) {
      wall += batch[0];
      compiled += batch[1];
    }
    return compiled <= SHARE * wall;
  }

  /** The child's JIT time since start at the last batch seen, in ns; -1 when it does not report it. */
  long jitNanos() {
    return unknown ? -1 : lastJitNanos;
  }
}
