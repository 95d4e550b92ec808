package dev.airbag.agent.telemetry.export;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An export log that keeps its lines. */
final class RecordingLog implements ExportLog {
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void warn(String message) {
    lines.add(message);
  }

  long count(String fragment) {
    return lines.stream().filter(l -> l.contains(fragment)).count();
  }
}
