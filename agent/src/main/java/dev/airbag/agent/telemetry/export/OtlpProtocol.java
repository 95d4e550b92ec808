package dev.airbag.agent.telemetry.export;

import java.util.Locale;

/** The OTLP/HTTP encodings ({@code airbag.export.otlp.protocol}). */
public enum OtlpProtocol {
  HTTP_PROTOBUF("http/protobuf", "application/x-protobuf"),
  HTTP_JSON("http/json", "application/json");

  private final String wireName;
  private final String contentType;

  OtlpProtocol(String wireName, String contentType) {
    this.wireName = wireName;
    this.contentType = contentType;
  }

  /** The config value: {@code http/protobuf} or {@code http/json}. */
  public String wireName() {
    return wireName;
  }

  String contentType() {
    return contentType;
  }

  /** Parses a config value ignoring case and blanks; null when it names no protocol. */
  public static OtlpProtocol fromWireName(String text) {
    String normalised = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (OtlpProtocol protocol : values()) {
      if (protocol.wireName.equals(normalised)) {
        return protocol;
      }
    }
    return null;
  }
}
