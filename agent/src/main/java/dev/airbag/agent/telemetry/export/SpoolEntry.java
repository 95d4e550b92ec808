package dev.airbag.agent.telemetry.export;

import java.nio.file.Path;

/** One spooled batch: its file, sequence number (delivery order), event count and size. Immutable. */
final class SpoolEntry {
  final long seq;
  final int events;
  final long bytes;
  final Path path;

  SpoolEntry(long seq, int events, long bytes, Path path) {
    this.seq = seq;
    this.events = events;
    this.bytes = bytes;
    this.path = path;
  }
}
