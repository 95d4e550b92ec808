package dev.airbag.agent.engine.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircuitKeyTest {
  @Test
  void keysWithTheSameEndpointAndModelAreEqual() {
    assertEquals(new CircuitKey("openai", "gpt-4o"), new CircuitKey("openai", "gpt-4o"));
    assertEquals(new CircuitKey("openai", "gpt-4o").hashCode(), new CircuitKey("openai", "gpt-4o").hashCode());
    assertEquals(new CircuitKey("openai", null), new CircuitKey("openai", null));
  }

  @Test
  void eachModelAndEachEndpointHasItsOwnKey() {
    assertNotEquals(new CircuitKey("openai", "gpt-4o"), new CircuitKey("openai", "gpt-4o-mini"));
    assertNotEquals(new CircuitKey("openai", "gpt-4o"), new CircuitKey("azure", "gpt-4o"));
    assertNotEquals(new CircuitKey("openai", "gpt-4o"), new CircuitKey("openai", null));
  }

  @Test
  void anEndpointIsRequired() {
    assertThrows(NullPointerException.class, () -> new CircuitKey(null, "gpt-4o"));
  }

  @ParameterizedTest
  @CsvSource(value = {"openai, gpt-4o, openai/gpt-4o", "vllm, NULL, vllm/?"}, nullValues = "NULL")
  void theKeyReadsAsEndpointSlashModel(String endpoint, String model, String text) {
    assertEquals(text, new CircuitKey(endpoint, model).toString());
  }
}
