package dev.airbag.agent.telemetry.export;

import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps an event onto OpenTelemetry's semantic conventions: {@code error.type} (the category),
 * {@code exception.*}, {@code gen_ai.*}, {@code server.address}, {@code http.response.status_code}; every other
 * field becomes {@code airbag.<field>}. Service and host go to the resource, not the record. Severity:
 * info → INFO (9), warning → WARN (13), critical → ERROR (17), none → INFO. Stateless.
 */
final class OtlpLogMapping {
  static final int INFO = 9;
  static final int WARN = 13;
  static final int ERROR = 17;
  static final String PREFIX = "airbag.";

  private OtlpLogMapping() {
  }

  static OtlpLog map(Event event) {
    List<OtlpLog.Attribute> out = new ArrayList<>(event.attributes().size() + 4);
    out.add(new OtlpLog.Attribute(PREFIX + EventFields.ID, event.id()));
    out.add(new OtlpLog.Attribute(PREFIX + EventFields.KIND, event.kind()));
    if (EventKinds.LLM_CALL.equals(event.kind())) {
      out.add(new OtlpLog.Attribute("gen_ai.operation.name", "chat"));
    }
    boolean hasException = event.get(EventFields.EXCEPTION_TYPE) != null;
    for (Map.Entry<String, Object> field : event.attributes().entrySet()) {
      addField(field.getKey(), field.getValue(), hasException, out);
    }
    Object severity = event.get(EventFields.SEVERITY);
    int number = severityNumber(severity == null ? null : severity.toString());
    long nanos = Math.multiplyExact(event.timestampMillis(), 1_000_000L);
    return new OtlpLog(nanos, number, severityText(number), body(event), PREFIX + event.kind(), out);
  }

  static int severityNumber(String severity) {
    if ("critical".equals(severity)) {
      return ERROR;
    }
    return "warning".equals(severity) ? WARN : INFO;
  }

  static String severityText(int number) {
    if (number == ERROR) {
      return "ERROR";
    }
    return number == WARN ? "WARN" : "INFO";
  }

  private static void addField(String field, Object value, boolean hasException, List<OtlpLog.Attribute> out) {
    switch (field) {
      case EventFields.SERVICE:
      case EventFields.HOST:
        return;
      case EventFields.CATEGORY:
        out.add(new OtlpLog.Attribute("error.type", value));
        return;
      case EventFields.EXCEPTION_TYPE:
        out.add(new OtlpLog.Attribute("exception.type", value));
        return;
      case EventFields.DETAIL:
        // Only an exception's message is an exception.message; a provider's error text stays airbag.detail.
        out.add(new OtlpLog.Attribute(hasException ? "exception.message" : PREFIX + field, value));
        return;
      case EventFields.STACK:
        out.add(new OtlpLog.Attribute("exception.stacktrace", joinLines(value)));
        return;
      case EventFields.PROVIDER:
        out.add(new OtlpLog.Attribute("gen_ai.provider.name", providerName(String.valueOf(value))));
        return;
      case EventFields.MODEL:
        out.add(new OtlpLog.Attribute("gen_ai.request.model", value));
        return;
      case EventFields.SERVED_MODEL:
        out.add(new OtlpLog.Attribute("gen_ai.response.model", value));
        return;
      case EventFields.HTTP_STATUS:
        out.add(new OtlpLog.Attribute("http.response.status_code", value));
        return;
      case EventFields.ENDPOINT:
        String host = host(String.valueOf(value));
        if (host != null) {
          out.add(new OtlpLog.Attribute("server.address", host));
        }
        out.add(new OtlpLog.Attribute(PREFIX + field, value));
        return;
      default:
        out.add(new OtlpLog.Attribute(PREFIX + field, value));
    }
  }

  /** The semantic conventions' well-known provider names; others pass unchanged. */
  static String providerName(String wireName) {
    switch (wireName) {
      case "azure-openai":
        return "azure.ai.openai";
      case "gemini":
        return "gcp.gemini";
      default:
        return wireName;
    }
  }

  private static String body(Event event) {
    StringBuilder text = new StringBuilder(event.kind());
    for (String field : new String[] {EventFields.CATEGORY, EventFields.MODEL}) {
      Object value = event.get(field);
      if (value != null) {
        text.append(' ').append(value);
      }
    }
    return text.toString();
  }

  private static String joinLines(Object value) {
    if (!(value instanceof List)) {
      return String.valueOf(value);
    }
    StringBuilder text = new StringBuilder();
    for (Object line : (List<?>) value) {
      text.append(text.length() == 0 ? "" : "\n").append(line);
    }
    return text.toString();
  }

  private static String host(String url) {
    try {
      return URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
