package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.log.AgentLog;

/**
 * Where the exporter's warnings go: the {@code airbag} logger, or a recorder in tests. Messages never carry
 * header values or event payloads. Implementations must be thread-safe.
 */
public interface ExportLog {
  void warn(String message);

  /** The agent's {@code airbag} slf4j logger. */
  static ExportLog slf4j() {
    return AgentLog.logger()::warn;
  }
}
