package dev.airbag.agent.telemetry.alerts;

import dev.airbag.agent.config.TestConfig;
import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.telemetry.metrics.Calls;
import dev.airbag.agent.telemetry.metrics.CircuitGauges;
import dev.airbag.agent.telemetry.metrics.Circuits;
import dev.airbag.agent.telemetry.metrics.FakeClock;
import dev.airbag.agent.telemetry.metrics.LlmMetricsBinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airbag.agent.engine.breaker.CircuitBreakers;
import dev.airbag.agent.engine.call.Outcome;
import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Severity;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventFields;
import dev.airbag.agent.telemetry.events.EventKinds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {
  private static final Duration WINDOW = Duration.ofMinutes(5);

  private final FakeClock clock = new FakeClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LlmMetricsBinder binder = new LlmMetricsBinder(registry, 100, clock);
  private final CircuitBreakers circuits = Circuits.registry(clock, binder);
  private final CircuitGauges gauges = new CircuitGauges(circuits, () -> registry, binder, clock);
  private final List<Event> events = new ArrayList<>();
  private final AlertEvaluator alerts = evaluator(AlertSettings.from(
      TestConfig.with("airbag.alerts.window", "5m", "airbag.alerts.min-samples", "20")));

  AlertEvaluatorTest() {
    binder.onAnyTransition(gauges::invalidate);
  }

  private AlertEvaluator evaluator(AlertSettings settings) {
    return new AlertEvaluator(StandardAlertRules.of(settings), () -> registry, gauges::states, clock,
        settings.window().toNanos(), new AlertEvents("checkout", "host-1", settings.window().getSeconds()),
        events::add);
  }

  private void attempts(int count, Category category) {
    for (int i = 0; i < count; i++) {
      binder.onAttempt(Calls.openai("gpt-4o"), "gpt-4o", category == null ? null : Calls.failure(category));
    }
  }

  private List<String> states(String alert) {
    return events.stream().filter(e -> alert.equals(e.get(EventFields.ALERT)))
        .map(e -> (String) e.get(AlertFields.STATE)).collect(Collectors.toList());
  }

  @Test
  void rateLimitedAttemptsAboveFivePercentFireOncePerEpisodeAndResolve() {
    attempts(90, null);
    attempts(10, Category.RATE_LIMITED);
    alerts.evaluate();

    Event firing = events.get(0);
    assertEquals(EventKinds.ALERT, firing.kind());
    assertEquals("rate_limited", firing.get(EventFields.ALERT));
    assertEquals("firing", firing.get(AlertFields.STATE));
    assertEquals("warning", firing.get(EventFields.SEVERITY));
    assertEquals(10.0, firing.get(EventFields.VALUE));
    assertEquals(5.0, firing.get(EventFields.THRESHOLD));
    assertEquals(100L, firing.get(AlertFields.SAMPLES));
    assertEquals(FakeClock.START_MILLIS, firing.timestampMillis());

    attempts(10, Category.RATE_LIMITED);
    clock.advance(Duration.ofSeconds(5));
    alerts.evaluate();
    assertEquals(List.of("firing"), states("rate_limited"));

    clock.advance(Duration.ofMinutes(6));
    attempts(100, null);
    alerts.evaluate();
    assertEquals(List.of("firing", "resolved"), states("rate_limited"));
    assertEquals(Duration.ofMinutes(6).plusSeconds(5).toMillis(), events.get(1).get(EventFields.DURATION_MS));

    attempts(20, Category.RATE_LIMITED);
    clock.advance(Duration.ofSeconds(5));
    alerts.evaluate();
    assertEquals(List.of("firing", "resolved", "firing"), states("rate_limited"));
  }

  @Test
  void oneFailureInTwoCallsNeverPagesBelowTheMinimumSample() {
    attempts(1, null);
    attempts(1, Category.OVERLOADED);
    binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.RECOVERED, 1);
    binder.onFallback(Calls.openai("gpt-4o"), "gpt-4o", "gpt-4o-mini");

    alerts.evaluate();

    assertEquals(List.of(), events);
  }

  @Test
  void transientAndOverloadedAddUpAndMustBeStrictlyAboveTenPercent() {
    attempts(90, null);
    attempts(5, Category.TRANSIENT);
    attempts(5, Category.OVERLOADED);
    alerts.evaluate();
    assertEquals(List.of(), states("transient_overloaded"));

    attempts(1, Category.TRANSIENT);
    clock.advance(Duration.ofSeconds(5));
    alerts.evaluate();

    assertEquals(List.of("firing"), states("transient_overloaded"));
    assertEquals("critical", events.get(0).get(EventFields.SEVERITY));
    assertTrue(alerts.anyActive(Severity.CRITICAL));
  }

  @Test
  void fallbackUseAboveFivePercentOfCallsFires() {
    for (int i = 0; i < 50; i++) {
      binder.recordCall(Calls.openai("gpt-4o"), "gpt-4o", Outcome.SUCCEEDED, 1);
    }
    binder.onFallback(Calls.openai("gpt-4o"), "gpt-4o", "gpt-4o-mini");
    binder.onFallback(Calls.openai("gpt-4o"), "gpt-4o", "gpt-4o-mini");
    binder.onFallback(Calls.openai("gpt-4o"), "gpt-4o", "gpt-4o-mini");

    alerts.evaluate();

    assertEquals(List.of("firing"), states("fallbacks"));
    assertEquals(6.0, events.get(0).get(EventFields.VALUE));
  }

  @Test
  void oldFailuresSlideOutOfTheWindowAndTheAlertResolves() {
    attempts(50, Category.RATE_LIMITED);
    alerts.evaluate();
    for (int minute = 1; minute <= 4; minute++) {
      clock.advance(Duration.ofMinutes(1));
      alerts.evaluate();
    }
    assertEquals(List.of("firing"), states("rate_limited"));

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    alerts.evaluate();

    assertEquals(List.of("firing", "resolved"), states("rate_limited"));
    assertFalse(alerts.anyActive(Severity.WARNING));
  }

  @Test
  void anOpeningCircuitFiresOnceAndResolvesWhenEveryCircuitIsClosedAgain() {
    Circuits.use(circuits, "openai", "gpt-4o-mini");
    Circuits.open(circuits, "openai", "gpt-4o");
    alerts.evaluate();
    assertEquals(List.of("firing"), states("circuit_open"));
    assertEquals(List.of("openai/gpt-4o=open"), events.get(0).get(AlertFields.CIRCUITS));
    assertEquals(1, alerts.active().size());

    clock.advance(Duration.ofSeconds(31));
    alerts.evaluate();
    assertEquals(List.of("firing"), states("circuit_open"));

    Circuits.probeAndClose(circuits, "openai", "gpt-4o");
    alerts.evaluate();
    assertEquals(List.of("firing", "resolved"), states("circuit_open"));
    assertEquals(List.of(), alerts.active());
  }

  @Test
  void aCircuitThatOpenedAndClosedBetweenTwoChecksStillRaisesAnEpisode() {
    Circuits.open(circuits, "openai", "gpt-4o");
    clock.advance(Duration.ofSeconds(31));
    Circuits.probeAndClose(circuits, "openai", "gpt-4o");

    alerts.evaluate();
    alerts.evaluate();

    assertEquals(List.of("firing", "resolved"), states("circuit_open"));
  }

  @Test
  void thresholdsComeFromTheSettings() {
    AlertEvaluator strict = evaluator(AlertSettings.from(
        TestConfig.with("airbag.alerts.rate-limited.threshold", "1", "airbag.alerts.min-samples", "5")));
    attempts(48, null);
    attempts(2, Category.RATE_LIMITED);

    strict.evaluate();

    assertEquals(List.of("firing"), states("rate_limited"));
    assertEquals(1.0, events.get(0).get(EventFields.THRESHOLD));
  }

  @Test
  void aSinkThatThrowsDoesNotStopTheEpisodeBookkeeping() {
    AlertEvaluator throwing = new AlertEvaluator(StandardAlertRules.of(AlertSettings.from(AirbagConfig.defaults())),
        () -> registry, gauges::states, clock, WINDOW.toNanos(), new AlertEvents("s", "h", 300), event -> {
          throw new IllegalStateException("queue gone");
        });
    attempts(100, Category.RATE_LIMITED);

    throwing.evaluate();

    assertEquals("rate_limited", throwing.active().get(0).name());
  }

  @Test
  void alertEventsCarryNoProviderTextOrSecrets() {
    attempts(100, Category.RATE_LIMITED);
    Circuits.open(circuits, "openai", "gpt-4o");

    alerts.evaluate();

    assertEquals(2, events.size());
    for (Event event : events) {
      assertFalse(event.toString().contains("sk-canary"), event.toString());
    }
  }
}
