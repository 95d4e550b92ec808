package dev.airbag.agent.telemetry.export;

import java.util.List;

/**
 * One event as an OTLP log record, independent of the wire encoding, so the protobuf and JSON encoders agree
 * by construction. Attribute values are String, Long, Double, Boolean or List&lt;String&gt;. Immutable.
 */
final class OtlpLog {
  final long timeUnixNano;
  final int severityNumber;
  final String severityText;
  final String body;
  final String eventName;
  final List<Attribute> attributes;

  OtlpLog(long timeUnixNano, int severityNumber, String severityText, String body, String eventName,
      List<Attribute> attributes) {
    this.timeUnixNano = timeUnixNano;
    this.severityNumber = severityNumber;
    this.severityText = severityText;
    this.body = body;
    this.eventName = eventName;
    this.attributes = attributes;
  }

  /** A key and its value. */
  static final class Attribute {
    final String key;
    final Object value;

    Attribute(String key, Object value) {
      this.key = key;
      this.value = value;
    }
  }
}
