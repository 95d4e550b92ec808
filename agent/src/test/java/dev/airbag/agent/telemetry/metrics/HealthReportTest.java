package dev.airbag.agent.telemetry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airbag.agent.engine.breaker.CircuitKey;
import dev.airbag.agent.engine.breaker.CircuitState;
import dev.airbag.agent.engine.classify.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthReportTest {
  private static final ActiveAlert WARNING = new ActiveAlert("rate_limited", Severity.WARNING, 7.5, 5, 0);
  private static final ActiveAlert CRITICAL =
      new ActiveAlert("transient_overloaded", Severity.CRITICAL, 30, 10, 0);

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("no circuit at all", "", List.of(), "healthy"),
        Arguments.of("every circuit closed", "openai/a=closed openai/b=closed", List.of(), "healthy"),
        Arguments.of("one model open, another serving", "openai/a=open openai/b=closed", List.of(), "degraded"),
        Arguments.of("a probe in flight", "openai/a=half_open", List.of(), "degraded"),
        Arguments.of("a warning alert", "openai/a=closed", List.of(WARNING), "degraded"),
        Arguments.of("every circuit of one endpoint open", "anthropic/x=open openai/a=closed", List.of(),
            "critical"),
        Arguments.of("half-open is not all open", "openai/a=open openai/b=half_open", List.of(), "degraded"),
        Arguments.of("a critical alert", "openai/a=closed", List.of(CRITICAL), "critical"));
  }

  @ParameterizedTest(name = "{0} is {3}")
  @MethodSource("verdicts")
  void theVerdictFollowsTheCircuitsAndAlerts(String given, String circuits, List<ActiveAlert> alerts,
      String verdict) {
    assertEquals(verdict, HealthReport.of(parse(circuits), alerts).verdict().wireName());
  }

  @Test
  void theJsonListsEveryCircuitAndAlertWithTheVerdict() throws IOException {
    Map<CircuitKey, CircuitState> circuits = new LinkedHashMap<>();
    circuits.put(new CircuitKey("openai", "gpt-4o"), CircuitState.OPEN);
    circuits.put(new CircuitKey("openai", null), CircuitState.CLOSED);

    String json = HealthJson.write(HealthReport.of(circuits, List.of(WARNING)));

    assertEquals(List.of("status=degraded", "endpoint=openai", "model=gpt-4o", "state=open", "endpoint=openai",
        "model=?", "state=closed", "alert=rate_limited", "severity=warning", "value=7.5", "threshold=5.0",
        "since=1970-01-01T00:00:00Z"), fields(json));
  }

  /** {@code "openai/a=open anthropic/x=closed"} to circuit states. */
  static Map<CircuitKey, CircuitState> parse(String text) {
    Map<CircuitKey, CircuitState> circuits = new LinkedHashMap<>();
    for (String entry : text.split(" ")) {
      if (entry.isEmpty()) {
        continue;
      }
      String[] keyState = entry.split("=");
      String[] endpointModel = keyState[0].split("/");
      circuits.put(new CircuitKey(endpointModel[0], endpointModel[1]),
          CircuitState.valueOf(keyState[1].toUpperCase()));
    }
    return circuits;
  }

  /** Every scalar field of a JSON document as {@code name=value}, in order. */
  static List<String> fields(String json) throws IOException {
    List<String> fields = new ArrayList<>();
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isScalarValue()) {
          fields.add(parser.currentName() + "=" + parser.getText());
        }
      }
    }
    return fields;
  }
}
