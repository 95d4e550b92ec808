package dev.airbag.agent.telemetry.health;

import dev.airbag.agent.telemetry.alerts.ActiveAlert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.redact.NameRedactor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a {@link HealthReport} as the {@code /health} JSON body:
 * <pre>{"status":"ok","app":{"status":"ok","window":"5m","calls":40,"served":40,"served_by_fallback":31,"failed":0,
 * "reason":"40 of 40 calls served (31 by a fallback model) (last 5m)"},"providers":{"status":"down",
 * "reason":"every circuit open for endpoint openai; circuits openai/gpt-4o open"},
 * "circuits":[{"endpoint":"openai","model":"gpt-4o","state":"open"}],
 * "alerts":[{"alert":"circuit_open","severity":"warning","value":1.0,"threshold":0.0,
 * "since":"2026-01-01T00:00:00Z"}]}</pre>
 * Only names, states and numbers: no URL, header or message can reach it. Stateless.
 */
public final class HealthJson {
  private static final JsonFactory JSON = new JsonFactory();

  private HealthJson() {
  }

  public static String write(HealthReport report) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("status", report.status().wireName());
      AppHealth app = report.app();
      json.writeObjectFieldStart("app");
      json.writeStringField("status", app.status().wireName());
      json.writeStringField("window", app.window());
      json.writeNumberField("calls", app.calls());
      json.writeNumberField("served", app.served());
      json.writeNumberField("served_by_fallback", app.servedByFallback());
      json.writeNumberField("failed", app.failed());
      json.writeStringField("reason", app.reason());
      json.writeEndObject();
      json.writeObjectFieldStart("providers");
      json.writeStringField("status", report.providers().status().wireName());
      json.writeStringField("reason", report.providers().reason());
      json.writeEndObject();
      json.writeArrayFieldStart("circuits");
      for (Map.Entry<CircuitKey, CircuitState> e : report.circuits().entrySet()) {
        json.writeStartObject();
        json.writeStringField("endpoint", e.getKey().endpoint());
        json.writeStringField("model",
            e.getKey().model() == null ? CircuitKey.UNKNOWN_MODEL : NameRedactor.safe(e.getKey().model()));
        json.writeStringField("state", e.getValue().wireName());
        String openedBy = report.fleet() == null ? null : report.fleet().openedBy(e.getKey());
        if (openedBy != null && e.getValue() != CircuitState.CLOSED) {
          json.writeStringField("opened_by", openedBy);
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      if (report.fleet() != null) {
        json.writeObjectFieldStart("fleet");
        json.writeStringField("redis", report.fleet().connected() ? "up" : "down");
        json.writeEndObject();
      }
      json.writeArrayFieldStart("alerts");
      for (ActiveAlert alert : report.alerts()) {
        json.writeStartObject();
        json.writeStringField("alert", alert.name());
        json.writeStringField("severity", alert.severity().wireName());
        json.writeNumberField("value", alert.value());
        json.writeNumberField("threshold", alert.threshold());
        json.writeStringField("since", Instant.ofEpochMilli(alert.sinceMillis()).toString());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
