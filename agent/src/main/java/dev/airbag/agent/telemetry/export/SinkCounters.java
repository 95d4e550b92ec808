package dev.airbag.agent.telemetry.export;

import java.util.concurrent.atomic.AtomicLong;

/** The mutable counters behind {@link ExportStats}; updated by a sink's threads, read by any. Thread-safe. */
final class SinkCounters {
  final AtomicLong sent = new AtomicLong();
  final AtomicLong spooled = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong folded = new AtomicLong();
}
