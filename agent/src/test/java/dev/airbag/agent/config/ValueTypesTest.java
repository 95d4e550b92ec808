package dev.airbag.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {
  private static String bigDecimalPlain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.0, 0.2, 1, 3, 100, 0.05, -2.5, 12345.678, 1e7, 9999999.5, 1.5e-4, 0.001, 1e21,
      123456789012.25, Double.MIN_VALUE, Double.MAX_VALUE, -1e-9})
  void numbersPrintAsBigDecimalPrintsThemWithoutAnExponent(double value) {
    assertEquals(bigDecimalPlain(value), ValueTypes.plain(value));
  }

  @Test
  void anyDoublePrintsAsBigDecimalPrintsIt() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      double value = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextInt(100_000) / 100.0;
      if (Double.isFinite(value)) {
        assertEquals(bigDecimalPlain(value), ValueTypes.plain(value), () -> "for " + value);
      }
    }
  }
}
