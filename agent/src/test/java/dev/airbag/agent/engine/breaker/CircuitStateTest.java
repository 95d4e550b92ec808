package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircuitStateTest {
  @ParameterizedTest
  @CsvSource({"CLOSED, closed, 0", "HALF_OPEN, half_open, 1", "OPEN, open, 2"})
  void eachStateHasItsWireNameAndGaugeValue(CircuitState state, String wireName, int gauge) {
    assertEquals(wireName, state.wireName());
    assertEquals(gauge, state.gaugeValue());
  }
}
