package dev.airbag.bench.apps;

import java.lang.instrument.Instrumentation;

/**
 * An agent that does nothing, for the start-up section: what the JVM itself charges for any {@code -javaagent}
 * (finding its Premain-Class through the whole class path, the {@code java.instrument} module) is told from what
 * Airbag's premain costs.
 */
public final class NoopAgent {
  private NoopAgent() {
  }

  public static void premain(String args, Instrumentation instrumentation) {
    // Nothing: the cost measured is the JVM's.
  }
}
