package dev.airbag.agent.telemetry.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * OTLP/HTTP JSON, written by hand with jackson-core since protobuf's JsonFormat is not bundled. Follows the
 * OTLP JSON encoding: lowerCamelCase field names, enums as integers, 64-bit integers (times, intValue) as
 * decimal strings, non-finite doubles as "NaN"/"Infinity" strings. Same content as
 * {@link OtlpProtobufEncoder}. Stateless and thread-safe.
 */
final class OtlpJsonEncoder implements BatchEncoder {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final ResourceInfo info;

  OtlpJsonEncoder(ResourceInfo info) {
    this.info = info;
  }

  @Override
  public EncodedBatch encode(List<Event> batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 * batch.size() + 512);
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeArrayFieldStart("resourceLogs");
      json.writeStartObject();
      writeResource(json);
      json.writeArrayFieldStart("scopeLogs");
      json.writeStartObject();
      json.writeObjectFieldStart("scope");
      json.writeStringField("name", OtlpProtobufEncoder.SCOPE_NAME);
      json.writeStringField("version", text(info.sdkVersion()));
      json.writeEndObject();
      json.writeArrayFieldStart("logRecords");
      for (Event event : batch) {
        writeRecord(OtlpLogMapping.map(event), json);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
    }
    return new EncodedBatch(out.toByteArray(), OtlpProtocol.HTTP_JSON.contentType());
  }

  private void writeResource(JsonGenerator json) throws IOException {
    json.writeObjectFieldStart("resource");
    json.writeArrayFieldStart("attributes");
    writeAttribute("service.name", info.serviceName(), json);
    if (info.hostName() != null) {
      writeAttribute("host.name", info.hostName(), json);
    }
    writeAttribute("telemetry.sdk.name", ResourceInfo.SDK_NAME, json);
    writeAttribute("telemetry.sdk.language", ResourceInfo.SDK_LANGUAGE, json);
    writeAttribute("telemetry.sdk.version", info.sdkVersion(), json);
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeRecord(OtlpLog log, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("timeUnixNano", Long.toUnsignedString(log.timeUnixNano));
    json.writeStringField("observedTimeUnixNano", Long.toUnsignedString(log.timeUnixNano));
    json.writeNumberField("severityNumber", log.severityNumber);
    json.writeStringField("severityText", log.severityText);
    json.writeFieldName("body");
    writeValue(log.body, json);
    json.writeArrayFieldStart("attributes");
    for (OtlpLog.Attribute attribute : log.attributes) {
      writeAttribute(attribute.key, attribute.value, json);
    }
    json.writeEndArray();
    json.writeStringField("eventName", text(log.eventName));
    json.writeEndObject();
  }

  private static void writeAttribute(String key, Object value, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("key", text(key));
    json.writeFieldName("value");
    writeValue(value, json);
    json.writeEndObject();
  }

  private static void writeValue(Object value, JsonGenerator json) throws IOException {
    json.writeStartObject();
    if (value instanceof Integer || value instanceof Long) {
      json.writeStringField("intValue", Long.toString(((Number) value).longValue()));
    } else if (value instanceof Double) {
      double d = (Double) value;
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        json.writeStringField("doubleValue", Double.isNaN(d) ? "NaN" : (d > 0 ? "Infinity" : "-Infinity"));
      } else {
        json.writeNumberField("doubleValue", d);
      }
    } else if (value instanceof Boolean) {
      json.writeBooleanField("boolValue", (Boolean) value);
    } else if (value instanceof List) {
      json.writeObjectFieldStart("arrayValue");
      json.writeArrayFieldStart("values");
      for (Object element : (List<?>) value) {
        writeValue(String.valueOf(element), json);
      }
      json.writeEndArray();
      json.writeEndObject();
    } else {
      json.writeStringField("stringValue", text(String.valueOf(value)));
    }
    json.writeEndObject();
  }

  // A lone surrogate has no UTF-8 form; jackson would refuse it.
  private static String text(String value) {
    return JsonText.wellFormed(value);
  }
}
