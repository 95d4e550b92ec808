package dev.airbag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResultsFileTest {

  static Stream<Path> committedResults() throws Exception {
    return Files.walk(Path.of("results")).filter(p -> p.getFileName().toString().equals("benchmark-results.json"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("committedResults")
  void aCommittedResultsFileRendersBackByteForByte(Path file) throws Exception {
    String text = Files.readString(file);

    Map<?, ?> parsed = new ObjectMapper().readValue(text, LinkedHashMap.class);

    assertEquals(text, ResultsFile.render(parsed));
  }

  @Test
  void numbersAreRoundedToThreeDecimalsAndThoseThatAreNotNumbersAreNull() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ratio", 1.23456);
    values.put("nan", Double.NaN);
    values.put("infinite", Double.POSITIVE_INFINITY);
    values.put("calls", 20000);
    values.put("met", false);
    values.put("note", null);

    assertEquals("{\n  \"ratio\": 1.235,\n  \"nan\": null,\n  \"infinite\": null,\n  \"calls\": 20000,\n"
        + "  \"met\": false,\n  \"note\": null\n}\n", ResultsFile.render(values));
  }

  @Test
  void emptyContainersStayOnOneLineAndListsHoldOneValuePerLine() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("none", new ArrayList<>());
    values.put("empty", Map.of());
    values.put("names", List.of("a \"quoted\" name", "tab\there"));

    assertEquals("{\n  \"none\": [],\n  \"empty\": {},\n  \"names\": [\n    \"a \\\"quoted\\\" name\",\n"
        + "    \"tab\\there\"\n  ]\n}\n", ResultsFile.render(values));
  }
}
