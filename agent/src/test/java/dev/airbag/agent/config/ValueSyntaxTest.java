package dev.airbag.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueSyntaxTest {

  @ParameterizedTest(name = "{0} is {1} ms and prints as {2}")
  @CsvSource({
      "250ms, 250, 250ms",
      "30s, 30000, 30s",
      "2m, 120000, 2m",
      "1h, 3600000, 1h",
      "' 90S ', 90000, 90s",
      "1000ms, 1000, 1s",
      "60s, 60000, 1m",
      "0s, 0, 0s",
  })
  void durationsReadWithAUnitAndPrintInTheLargestExactUnit(String text, long millis, String printed) {
    Duration duration = ValueSyntax.parseDuration(text);

    assertEquals(millis, duration.toMillis());
    assertEquals(printed, ValueSyntax.formatDuration(duration));
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "", "1.5s", "-1s", "30 sec", "1d", "s"})
  void durationsWithoutAKnownUnitAreRejected(String text) {
    assertThrows(IllegalArgumentException.class, () -> ValueSyntax.parseDuration(text));
  }

  @ParameterizedTest(name = "{0} is {1} bytes and prints as {2}")
  @CsvSource({
      "512, 512, 512",
      "512B, 512, 512",
      "64KB, 65536, 64KB",
      "64kb, 65536, 64KB",
      "1MB, 1048576, 1MB",
      "1024KB, 1048576, 1MB",
      "1GB, 1073741824, 1GB",
      "1500, 1500, 1500",
  })
  void sizesReadInPowersOf1024(String text, long bytes, String printed) {
    assertEquals(bytes, ValueSyntax.parseSize(text));
    assertEquals(printed, ValueSyntax.formatSize(bytes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "KB", "1.5MB", "64 kilobytes", "-1", "1TB"})
  void sizesThatAreNotANumberAndUnitAreRejected(String text) {
    assertThrows(IllegalArgumentException.class, () -> ValueSyntax.parseSize(text));
  }

  @ParameterizedTest
  @CsvSource({"true, true", "TRUE, true", "' False ', false", "false, false"})
  void booleansIgnoreCaseAndSpaces(String text, boolean expected) {
    assertEquals(expected, ValueSyntax.parseBoolean(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", "on", "", "tru"})
  void booleansAreOnlyTrueOrFalse(String text) {
    assertThrows(IllegalArgumentException.class, () -> ValueSyntax.parseBoolean(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a,b,c | a;b;c",
      "' a , b ,, c ' | a;b;c",
      "single | single",
      "'' | ''",
  })
  void listsAreCommaSeparatedTrimmedAndSkipEmptyItems(String text, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(";"));

    assertEquals(want, ValueSyntax.parseList(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "500ms | 500ms",
      "OFF | off",
      "none | off",
  })
  void durationsThatAllowOffReadOffAndNoneAsNull(String text, String printed) {
    ValueType<Duration> type = ValueTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(1)).orOff();

    assertEquals(printed, type.format(type.parse(text)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "0ms", "2m"})
  void durationsOutsideTheirRangeOrWithoutOffAreRejected(String text) {
    ValueType<Duration> type = ValueTypes.duration(Duration.ofMillis(1), Duration.ofMinutes(1));

    assertThrows(IllegalArgumentException.class, () -> type.parse(text));
  }
}
