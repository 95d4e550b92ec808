package dev.airbag.agent.telemetry.health;

import dev.airbag.agent.telemetry.alerts.ActiveAlert;
import dev.airbag.agent.telemetry.metrics.Totals;

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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

public class HealthReportTest {
  private static final ActiveAlert WARNING = new ActiveAlert("rate_limited", Severity.WARNING, 7.5, 5, 0);
  private static final ActiveAlert CRITICAL =
      new ActiveAlert("transient_overloaded", Severity.CRITICAL, 30, 10, 0);

  private static final AppHealth NO_CALLS = new AppHealth(Totals.ZERO, "5m");

  static Stream<Arguments> providerStates() {
    return Stream.of(
        Arguments.of("no circuit at all", "", List.of(), "ok"),
        Arguments.of("every circuit closed", "openai/a=closed openai/b=closed", List.of(), "ok"),
        Arguments.of("one model open, another serving", "openai/a=open openai/b=closed", List.of(), "degraded"),
        Arguments.of("a probe in flight", "openai/a=half_open", List.of(), "degraded"),
        Arguments.of("a warning alert", "openai/a=closed", List.of(WARNING), "degraded"),
        Arguments.of("a critical error-rate alert", "openai/a=closed", List.of(CRITICAL), "degraded"),
        Arguments.of("every circuit of one endpoint open", "anthropic/x=open openai/a=closed", List.of(), "down"),
        Arguments.of("half-open is not all open", "openai/a=open openai/b=half_open", List.of(), "degraded"));
  }

  @ParameterizedTest(name = "{0}: providers {3}")
  @MethodSource("providerStates")
  void theProvidersStateFollowsTheCircuitsAndAlerts(String given, String circuits, List<ActiveAlert> alerts,
      String state) {
    HealthReport report = HealthReport.of(NO_CALLS, parse(circuits), alerts);

    assertEquals(state, report.providers().status().wireName());
    assertEquals(state, report.status().wireName(), "with no call, the providers' state is the overall one");
  }

  @ParameterizedTest(name = "{0} of {1} served, {2} by fallback: app {3}")
  @CsvSource({
      "40, 40, 0,  ok,       40 of 40 calls served (last 5m)",
      "40, 40, 38, ok,       40 of 40 calls served (38 by a fallback model) (last 5m)",
      "40, 30, 10, degraded, '30 of 40 calls served (10 by a fallback model), 10 failed (last 5m)'",
      "40, 0,  0,  down,     '0 of 40 calls served, 40 failed (last 5m)'",
      "0,  0,  0,  ok,       no LLM calls (last 5m)"})
  void theAppsSideCountsCallsServedThroughAFallbackAsServed(long calls, long served, long byFallback,
      String status, String reason) {
    AppHealth app = new AppHealth(traffic(calls, served, byFallback), "5m");

    assertEquals(status, app.status().wireName());
    assertEquals(reason, app.reason());
  }

  @Test
  void everyCallServedByAFallbackIsOkOverallWhileTheProvidersAreDown() {
    HealthReport report = HealthReport.of(new AppHealth(traffic(40, 40, 40), "5m"),
        parse("anthropic/claude-opus=open"), List.of(CRITICAL));

    assertEquals(HealthStatus.OK, report.status());
    assertEquals(HealthStatus.DOWN, report.providers().status());
    assertEquals("every circuit open for endpoint anthropic; circuits anthropic/claude-opus open; alerts firing:"
        + " transient_overloaded", report.providers().reason());
  }

  @Test
  void theJsonSaysWhatTheAppSeesApartFromTheProvidersWithEveryCircuitAndAlert() throws IOException {
    Map<CircuitKey, CircuitState> circuits = new LinkedHashMap<>();
    circuits.put(new CircuitKey("openai", "gpt-4o"), CircuitState.OPEN);
    circuits.put(new CircuitKey("openai", null), CircuitState.CLOSED);

    String json = HealthJson.write(HealthReport.of(new AppHealth(traffic(4, 3, 1), "5m"), circuits,
        List.of(WARNING)));

    assertEquals(List.of("status=degraded", "status=degraded", "window=5m", "calls=4", "served=3",
        "served_by_fallback=1", "failed=1", "reason=3 of 4 calls served (1 by a fallback model), 1 failed (last 5m)",
        "status=degraded", "reason=circuits openai/gpt-4o open; alerts firing: rate_limited",
        "endpoint=openai", "model=gpt-4o", "state=open", "endpoint=openai",
        "model=?", "state=closed", "alert=rate_limited", "severity=warning", "value=7.5", "threshold=5.0",
        "since=1970-01-01T00:00:00Z"), fields(json));
  }

  @Test
  void withAFleetTheJsonSaysWhetherRedisIsReachedAndWhoOpenedEachOpenCircuit() throws IOException {
    Map<CircuitKey, CircuitState> circuits = new LinkedHashMap<>();
    CircuitKey learnt = new CircuitKey("openai", "gpt-4o");
    circuits.put(learnt, CircuitState.OPEN);
    circuits.put(new CircuitKey("openai", "gpt-4o-mini"), CircuitState.CLOSED);
    FleetHealth fleet = new FleetHealth() {
      @Override
      public boolean connected() {
        return true;
      }

      @Override
      public String openedBy(CircuitKey key) {
        return key.equals(learnt) ? "fleet" : null;
      }
    };

    List<String> fields = fields(HealthJson.write(HealthReport.of(new AppHealth(traffic(0, 0, 0), "5m"), circuits,
        List.of()).withFleet(fleet)));

    assertEquals(List.of("endpoint=openai", "model=gpt-4o", "state=open", "opened_by=fleet", "endpoint=openai",
        "model=gpt-4o-mini", "state=closed", "redis=up"), fields.subList(fields.indexOf("endpoint=openai"),
        fields.size()));
  }

  private static Totals traffic(long calls, long served, long byFallback) {
    return new Totals(calls, served, byFallback, 0, 0, 0, 0, 0);
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
  public static List<String> fields(String json) throws IOException {
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
