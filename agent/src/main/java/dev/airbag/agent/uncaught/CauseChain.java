package dev.airbag.agent.uncaught;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A throwable followed by its causes, bounded and safe against cycles (a cause that points back up the chain,
 * which {@code initCause} allows). Stateless.
 */
final class CauseChain {
  /** Enough for the deepest wrapping seen in practice (servlet, framework, SDK, transport, socket). */
  static final int MAX_DEPTH = 8;

  private CauseChain() {
  }

  /** The error first, then each cause, at most {@link #MAX_DEPTH} in all, each at most once. */
  static List<Throwable> of(Throwable error) {
    List<Throwable> chain = new ArrayList<>(4);
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable current = error;
    while (current != null && chain.size() < MAX_DEPTH && seen.put(current, Boolean.TRUE) == null) {
      chain.add(current);
      current = safeCause(current);
    }
    return Collections.unmodifiableList(chain);
  }

  /** The types of the causes, the error itself excluded, normalised. */
  static List<String> causeTypes(List<Throwable> chain) {
    List<String> types = new ArrayList<>(chain.size());
    for (int i = 1; i < chain.size(); i++) {
      types.add(FrameNames.className(chain.get(i).getClass().getName()));
    }
    return Collections.unmodifiableList(types);
  }

  private static Throwable safeCause(Throwable t) {
    try {
      return t.getCause();
    } catch (RuntimeException overridden) {
      // getCause is overridable; app code may throw from it.
      return null;
    }
  }
}
