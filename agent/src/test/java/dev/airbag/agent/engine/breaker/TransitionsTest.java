package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransitionsTest {
  @ParameterizedTest(name = "{0} -> {1} legal: {2}")
  @CsvSource({
      "CLOSED, OPEN, true",
      "OPEN, HALF_OPEN, true",
      "HALF_OPEN, CLOSED, true",
      "HALF_OPEN, OPEN, true",
      "CLOSED, HALF_OPEN, false",
      "CLOSED, CLOSED, false",
      "OPEN, CLOSED, false",
      "OPEN, OPEN, false",
      "HALF_OPEN, HALF_OPEN, false",
  })
  void onlyTheTransitionsInTheTableAreLegal(CircuitState from, CircuitState to, boolean legal) {
    assertEquals(legal, Transitions.isLegal(from, to));
    if (legal) {
      assertDoesNotThrow(() -> Transitions.check(from, to));
    } else {
      IllegalStateException bug = assertThrows(IllegalStateException.class, () -> Transitions.check(from, to));
      assertEquals("illegal circuit transition " + from + " -> " + to, bug.getMessage());
    }
  }
}
