package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/**
 * OTLP/HTTP protobuf: one ExportLogsServiceRequest per batch, built with the official opentelemetry-proto
 * classes (one resource, one scope, a log record per event). Thread-safe (immutable).
 */
final class OtlpProtobufEncoder implements BatchEncoder {
  static final String SCOPE_NAME = "dev.airbag.agent";

  private final Resource resource;
  private final InstrumentationScope scope;

  OtlpProtobufEncoder(ResourceInfo info) {
    Resource.Builder resource = Resource.newBuilder()
        .addAttributes(keyValue("service.name", info.serviceName()));
    if (info.hostName() != null) {
      resource.addAttributes(keyValue("host.name", info.hostName()));
    }
    this.resource = resource.addAttributes(keyValue("telemetry.sdk.name", ResourceInfo.SDK_NAME))
        .addAttributes(keyValue("telemetry.sdk.language", ResourceInfo.SDK_LANGUAGE))
        .addAttributes(keyValue("telemetry.sdk.version", info.sdkVersion()))
        .build();
    this.scope = InstrumentationScope.newBuilder().setName(SCOPE_NAME).setVersion(info.sdkVersion()).build();
  }

  @Override
  public EncodedBatch encode(List<Event> batch) {
    ScopeLogs.Builder logs = ScopeLogs.newBuilder().setScope(scope);
    for (Event event : batch) {
      logs.addLogRecords(record(OtlpLogMapping.map(event)));
    }
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(logs))
        .build();
    return new EncodedBatch(request.toByteArray(), OtlpProtocol.HTTP_PROTOBUF.contentType());
  }

  private static LogRecord record(OtlpLog log) {
    LogRecord.Builder record = LogRecord.newBuilder()
        .setTimeUnixNano(log.timeUnixNano)
        .setObservedTimeUnixNano(log.timeUnixNano)
        .setSeverityNumberValue(log.severityNumber)
        .setSeverityText(log.severityText)
        .setBody(AnyValue.newBuilder().setStringValue(log.body))
        .setEventName(log.eventName);
    for (OtlpLog.Attribute attribute : log.attributes) {
      record.addAttributes(KeyValue.newBuilder().setKey(attribute.key).setValue(value(attribute.value)));
    }
    return record.build();
  }

  private static KeyValue keyValue(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static AnyValue value(Object value) {
    AnyValue.Builder any = AnyValue.newBuilder();
    if (value instanceof Integer || value instanceof Long) {
      return any.setIntValue(((Number) value).longValue()).build();
    }
    if (value instanceof Double) {
      return any.setDoubleValue((Double) value).build();
    }
    if (value instanceof Boolean) {
      return any.setBoolValue((Boolean) value).build();
    }
    if (value instanceof List) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      for (Object element : (List<?>) value) {
        array.addValues(AnyValue.newBuilder().setStringValue(String.valueOf(element)));
      }
      return any.setArrayValue(array).build();
    }
    return any.setStringValue(String.valueOf(value)).build();
  }
}
